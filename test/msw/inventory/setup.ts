// Shared msw wiring for the inventory tests: one msw server per test file, a fresh mock vCenter per test.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockVcenter, type Estate, type MockVcenter } from '../../../mocks/index.js';
import { connect } from '../../../src/vsphere/client.js';
import type { VimClient } from '../../../src/vsphere/api.js';

export function useMsw() {
  const server = setupServer();
  const clients: VimClient[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.logout()));
    server.resetHandlers();
  });
  afterAll(() => server.close());

  return async function start(estate: Estate): Promise<{ mock: MockVcenter; client: VimClient }> {
    const mock = createMockVcenter(estate);
    server.use(...mock.handlers);
    const user = estate.users[0]!;
    const client = await connect({ server: mock.baseUrl, user: user.name, password: user.password, retries: 0 });
    clients.push(client);
    return { mock, client };
  };
}

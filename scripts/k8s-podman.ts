// CI's bridge from docs/deploy.md to podman (scripts/smoke-image.sh): reads the Kubernetes manifests in the doc's
// ```yaml blocks, takes one CronJob and prints, one per line, the `podman run` arguments that run its container as
// Kubernetes would: the same args, user and group, read-only root, dropped capabilities, no privilege escalation,
// and each volume mounted at its path (read-only where the manifest says) from ROOT/<volume name>. A ConfigMap
// volume is written from the manifest's data; a Secret volume must hold the files its stringData names (CI puts the
// real ones there) and gets the kubelet's ownership (root:fsGroup, defaultMode); a claim is a directory owned by
// root:fsGroup, group-writable. So what CI runs is what the doc shows.
//   tsx scripts/k8s-podman.ts DOC CRONJOB ROOT IMAGE [FROM=TO ...]   (FROM=TO: text replaced in the args, in order)
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// The subset of the manifests this reads.
interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string; defaultMode?: number };
  persistentVolumeClaim?: { claimName: string };
}
interface Container {
  args: string[];
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; runAsGroup?: number; fsGroup?: number };
  containers: Container[];
  volumes: Volume[];
}
interface Obj {
  kind?: string;
  metadata?: { name?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: { jobTemplate: { spec: { template: { spec: PodSpec } } } };
}

function fail(message: string): never {
  process.stderr.write(`k8s-podman: ${message}\n`);
  process.exit(2);
}

const [doc, jobName, root, image, ...replacements] = process.argv.slice(2);
if (!doc || !jobName || !root || !image) fail('usage: k8s-podman.ts DOC CRONJOB ROOT IMAGE [FROM=TO ...]');

const objects: Obj[] = [];
for (const m of readFileSync(doc, 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```/gm)) {
  // YAML 1.1, as Kubernetes reads manifests: defaultMode 0440 is octal.
  for (const d of parseAllDocuments(m[1]!, { version: '1.1' })) {
    if (d.errors.length) fail(`${doc}: ${d.errors[0]!.message}`);
    objects.push(d.toJSON() as Obj);
  }
}
const find = (kind: string, name: string): Obj =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name) ?? fail(`${doc}: no ${kind} named ${name}`);

const pod = find('CronJob', jobName).spec?.jobTemplate.spec.template.spec ?? fail(`${jobName}: no pod template`);
const podSec = pod.securityContext ?? {};
if (pod.containers.length !== 1) fail(`${jobName}: expected one container`);
const c = pod.containers[0]!;
const sec = c.securityContext ?? {};
const uid = podSec.runAsUser ?? fail(`${jobName}: no runAsUser`);
const gid = podSec.runAsGroup ?? uid;
const fsGroup = podSec.fsGroup ?? gid;
if (podSec.runAsNonRoot && !(uid > 0)) fail(`${jobName}: runAsNonRoot without a non-zero runAsUser`);

const args = ['--rm', '--user', `${uid}:${gid}`];
if (fsGroup !== gid) args.push('--group-add', String(fsGroup));
if (sec.readOnlyRootFilesystem) args.push('--read-only');
if (sec.allowPrivilegeEscalation === false) args.push('--security-opt=no-new-privileges');
for (const cap of sec.capabilities?.drop ?? []) args.push(`--cap-drop=${cap}`);

for (const m of c.volumeMounts) {
  const vol = pod.volumes.find((v) => v.name === m.name) ?? fail(`${jobName}: no volume ${m.name}`);
  const dir = join(root, vol.name);
  mkdirSync(dir, { recursive: true });
  if (vol.configMap) {
    for (const [file, text] of Object.entries(find('ConfigMap', vol.configMap.name).data ?? {})) {
      writeFileSync(join(dir, file), text);
      chmodSync(join(dir, file), 0o644);
    }
  } else if (vol.secret) {
    const mode = vol.secret.defaultMode ?? 0o644;
    const secret = find('Secret', vol.secret.secretName);
    for (const file of Object.keys(secret?.stringData ?? {})) {
      const path = join(dir, file);
      if (!existsSync(path)) fail(`${jobName}: the secret file ${file} is missing in ${dir}`);
      chownSync(path, 0, fsGroup);
      chmodSync(path, mode);
    }
  } else if (vol.persistentVolumeClaim) {
    chownSync(dir, 0, fsGroup);
    chmodSync(dir, 0o2775);
  } else fail(`${jobName}: volume ${vol.name} is neither a configMap, a secret nor a claim`);
  args.push('-v', `${dir}:${m.mountPath}${m.readOnly ? ':ro' : ''}`);
}

args.push(image);
for (let a of c.args) {
  for (const r of replacements) {
    const i = r.indexOf('=');
    a = a.split(r.slice(0, i)).join(r.slice(i + 1));
  }
  args.push(a);
}
process.stdout.write(`${args.join('\n')}\n`);

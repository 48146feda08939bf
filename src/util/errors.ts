// The two kinds of a user's mistake, below every layer that can meet one.

// A mistake in the command line, the config file or a side file (waivers, baseline, VM list): exit 2.
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

// A value that does not convert to its setting (a flag, a config key, a `notify:` entry), worded without its
// place: the caller that knows the place (the flag, the variable, the file and line) words the UsageError.
export class ValueError extends Error {
  override readonly name = 'ValueError';
}

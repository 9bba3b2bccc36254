/** Usage text shared by the help screen and the `check` command, kept apart so `--help` loads no command. */
export const CHECK_USAGE =
  'popbiff check pop3s://USER@HOST[:PORT] [--json] [--ca FILE] [--limit N] [--insecure-plaintext] [--transcript] [--state FILE]';

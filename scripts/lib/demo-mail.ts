/** The demo mailbox of `npm start`: a few ordinary messages, one with non-ASCII headers. */
export const DEMO_MESSAGES = [
  {
    from: 'Ada Lovelace <ada@example.org>',
    subject: 'Notes on the Analytical Engine',
    body: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.',
  },
  {
    from: '=?UTF-8?Q?Jos=C3=A9_Mar=C3=ADa?= <jose@example.es>',
    subject: '=?UTF-8?Q?Reuni=C3=B3n_del_jueves_=E2=80=94_agenda?=',
    body: '¿Nos vemos el jueves a las diez?',
  },
  {
    from: 'Build Robot <ci@example.net>',
    subject: 'All 214 checks passed on main',
    body: 'Nothing to do.',
  },
] as const;

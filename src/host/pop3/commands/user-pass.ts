import { PopbiffError } from '../../../shared/errors';
import { signInError } from '../errors';
import type { Capabilities } from '../replies';
import type { Pop3Session } from '../session';

export interface Credentials {
  username: string;
  password: string;
}

export interface SignInOptions {
  /** True once the connection is encrypted (pop3s, or after STLS). */
  secure: boolean;
  /** The user's explicit consent to send the password in clear text. */
  allowPlaintext: boolean;
  capabilities?: Capabilities | undefined;
}

/** USER/PASS sign-in (RFC 1939 §7); moves the session to TRANSACTION. */
export async function userPass(session: Pop3Session, credentials: Credentials, options: SignInOptions): Promise<void> {
  // Checked here, where the password is about to leave, and not only in the settings.
  if (!options.secure && !options.allowPlaintext) throw new PopbiffError('PLAINTEXT_REFUSED');
  const context = {
    authRespCode: options.capabilities?.has('AUTH-RESP-CODE') ?? false,
    loginDelaySeconds: options.capabilities?.loginDelaySeconds,
  };
  const user = await session.send({ verb: 'USER', args: [credentials.username] });
  if (!user.ok) throw signInError({ ...user, text: session.redact(user.text) }, context);
  const pass = await session.send({ verb: 'PASS', args: [credentials.password], secret: true });
  if (!pass.ok) throw signInError({ ...pass, text: session.redact(pass.text) }, context);
  session.state = 'TRANSACTION';
}

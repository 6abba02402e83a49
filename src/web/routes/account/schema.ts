// Request bodies and queries of the account routes. HTML forms and their JSON twins send the same
// field names. Passwords are never trimmed; their length rules live in domain/password-rules.ts.
import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../../../domain/account.js';
import { API_SCOPES, ApiScopeList, MAX_API_TOKEN_NAME } from '../../../domain/api-token.js';

/** Longest password string read from a request (characters); the rules refuse anything past 4,096 code points. */
const PASSWORD_INPUT_MAX = 16_384;

const Email = z
  .string({ error: 'give an e-mail address' })
  .trim()
  .max(MAX_EMAIL_LENGTH, `an e-mail address has at most ${MAX_EMAIL_LENGTH} characters`)
  .pipe(z.email({ error: 'give a valid e-mail address' }));
const Password = z.string({ error: 'give a password' }).min(1, 'give a password').max(PASSWORD_INPUT_MAX, 'the password is too long');
const Token = z.string({ error: 'the link has no token' }).min(1, 'the link has no token').max(200, 'the link is not valid');

export const SignUpBody = z.object({ email: Email, password: Password });
export const LogInBody = z.object({ email: Email, password: Password });
export const ForgotPasswordBody = z.object({ email: Email });
export const TokenBody = z.object({ token: Token });
export const ResetPasswordBody = z.object({ token: Token, password: Password });
export const ChangePasswordBody = z.object({ current_password: Password, new_password: Password });
export const ChangeEmailBody = z.object({ current_password: Password, new_email: Email });
/** Length is checked after normalizing (domain/display-name.ts); this only bounds the input. */
export const DisplayNameBody = z.object({ display_name: z.string({ error: 'give a public name' }).max(200, 'the name is too long') });
export const DeleteAccountBody = z.object({ current_password: Password });
/** Actions that need no fields (a JSON client may send no body at all). */
export const EmptyBody = z.object({}).optional();
export const TokenQuery = z.object({ token: Token });
/** Which note the log-in and account pages show after a redirect (fixed texts, nothing reflected). */
export const DoneQuery = z.object({ done: z.enum(['reset', 'verified', 'password', 'email', 'logout', 'verification', 'name']).optional() });

/** A new API token as JSON: a name and its scopes. */
export const CreateApiTokenFields = z.object({
  name: z.string({ error: 'give the token a name' }).trim().min(1, 'give the token a name').max(MAX_API_TOKEN_NAME, `a token name has at most ${MAX_API_TOKEN_NAME} characters`),
  scopes: ApiScopeList,
  _csrf: z.string().optional(),
});

/** The same from JSON or the HTML form, which has one checkbox per scope (scope_vote=1 …) because a repeated form field keeps only its last value. */
export const CreateApiTokenBody = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || 'scopes' in raw) return raw;
  const fields = raw as Record<string, unknown>;
  return { ...fields, scopes: API_SCOPES.filter((s) => fields[`scope_${s}`] !== undefined && fields[`scope_${s}`] !== '') };
}, CreateApiTokenFields);
export const ApiTokenParams = z.object({
  id: z.coerce.number({ message: 'a token id is a number' }).int('a token id is a whole number').positive('a token id is positive').max(2 ** 31 - 1, 'no such token id'),
});
export const TokensDoneQuery = z.object({ done: z.enum(['revoked']).optional() });

/** A typed second factor: a 6-digit TOTP code or a recovery code (spaces and dashes allowed). */
const Code = z.string({ error: 'give the code' }).trim().min(1, 'give the code').max(64, 'the code is too long');
export const SecondFactorBody = z.object({ code: Code });
export const EnableTwoFactorBody = z.object({ current_password: Password, code: Code });
export const DisableTwoFactorBody = z.object({ current_password: Password, code: Code });
export const RecoveryCodesBody = z.object({ current_password: Password });
export const TwoFactorDoneQuery = z.object({ done: z.enum(['off']).optional() });

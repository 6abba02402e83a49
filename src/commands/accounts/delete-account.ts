// Deleting an account, after asking for the current password: sessions and links end at once,
// the address and password hash are erased (the address can sign up again).
import { softDeleteAccount } from '../../store/users.js';
import type { AccountContext } from './context.js';
import { reauthenticate } from './reauthenticate.js';

export async function deleteAccount(ctx: AccountContext, userId: number, input: { currentPassword: string }): Promise<void> {
  await reauthenticate(ctx, userId, input.currentPassword);
  await softDeleteAccount(ctx.store.db, userId, ctx.now().toISOString());
}

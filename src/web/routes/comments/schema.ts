// Paths, queries and bodies of the comment routes.
import { z } from 'zod';
import { PaperIdText } from '../paper-id-params.js';
import { MAX_COMMENT_CHARS } from '../../views/comment-markdown.js';

const CommentId = z.coerce.number({ message: 'a comment id is a number' }).int('a comment id is a whole number').positive('a comment id is positive').max(2 ** 31 - 1, 'no such comment id');

export const CommentParams = z.object({ cid: CommentId });

/** The comment's Markdown: not blank, at most MAX_COMMENT_CHARS. */
const Body = z
  .string({ message: 'the comment text (body) is missing' })
  .max(MAX_COMMENT_CHARS, `a comment is at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters`)
  .refine((s) => s.trim() !== '', 'the comment is empty');

/** A new comment (form or JSON); `parent` is the comment replied to. */
export const NewCommentBody = z.object({
  body: Body,
  parent: z.union([z.literal('').transform(() => null), CommentId]).nullish().transform((p) => p ?? null),
  _csrf: z.string().optional(),
});

export const EditCommentBody = z.object({ body: Body, _csrf: z.string().optional() });

/** The delete form posts only its CSRF token. */
export const DeleteCommentBody = z.object({ _csrf: z.string().optional() }).optional();

/** /comments/new?paper=…&parent=… */
export const NewCommentQuery = z.object({
  paper: PaperIdText,
  parent: z.union([z.literal('').transform(() => null), CommentId]).optional().transform((p) => p ?? null),
});

/** /comments/edit?id=… */
export const EditCommentQuery = z.object({ id: CommentId });

/** /api/me/comments?paper=… */
export const MyCommentsQuery = z.object({ paper: PaperIdText });

// Use-case: a reader's public profile (/users/<id or display name> and its JSON twin): their public
// name, when they joined, and the papers they upvoted, submitted, commented on and authored
// (approved claims). Deleted accounts have no profile (404). No address is ever read.
import { notFound } from '../domain/errors.js';
import type { Paper } from '../domain/paper.js';
import type { Store } from '../store/db.js';
import { loadPapers } from '../store/papers-read.js';
import { authoredBy, commentedBy, profileUser, submittedBy, upvotedBy, type ProfileList, type ProfileUser } from '../store/profiles.js';

/** Papers listed per section of a profile, newest first. */
export const PROFILE_SECTION_PAPERS = 50;

export interface ProfilePaper {
  readonly paper: Paper;
  readonly at: string;
}

export interface ProfileSection {
  readonly papers: readonly ProfilePaper[];
  /** More papers exist than are listed. */
  readonly hasMore: boolean;
}

export interface UserProfile {
  readonly user: ProfileUser;
  readonly upvoted: ProfileSection;
  readonly submitted: ProfileSection;
  readonly commented: ProfileSection;
  readonly authored: ProfileSection;
}

/** `who`: a user id (digits) or a display name. */
export async function userProfileOrThrow(store: Store, who: string): Promise<UserProfile> {
  const user = await profileUser(store.db, /^\d{1,10}$/.test(who) ? { id: Number(who) } : { name: who });
  if (!user) throw notFound(`No reader ${who.slice(0, 100)} here.`);
  const limit = PROFILE_SECTION_PAPERS;
  const [upvoted, submitted, commented, authored] = await Promise.all([
    upvotedBy(store.db, user.id, limit),
    submittedBy(store.db, user.id, limit),
    commentedBy(store.db, user.id, limit),
    authoredBy(store.db, user.id, limit),
  ]);
  const lists = [upvoted, submitted, commented, authored];
  const papers = await loadPapers(store.db, lists.flatMap((l) => l.entries.map((e) => e.paperId)));
  const section = (l: ProfileList): ProfileSection => ({
    papers: l.entries.flatMap((e) => {
      const paper = papers.get(e.paperId);
      return paper ? [{ paper, at: e.at }] : [];
    }),
    hasMore: l.hasMore,
  });
  return { user, upvoted: section(upvoted), submitted: section(submitted), commented: section(commented), authored: section(authored) };
}

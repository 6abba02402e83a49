// Public profiles: /users/<id or display name> (HTML) and /api/users/<…> (JSON), both from
// userProfileOrThrow. Public data, so anonymous responses go through the page cache. The JSON is
// an explicit whitelist: never an address.
import type { FastifyInstance } from 'fastify';
import { userProfileOrThrow, type ProfileSection, type UserProfile } from '../../../commands/user-profile.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { sendCached } from '../../send-cached.js';
import { parseOr400 } from '../../validate.js';
import { paperPath, userPath } from '../../views/format.js';
import { profilePage } from '../../views/profile.js';
import { UserParams } from './schema.js';

function sectionJson(s: ProfileSection) {
  return { papers: s.papers.map((p) => ({ id: p.paper.id, title: p.paper.title, url: paperPath(p.paper.id), at: p.at })), hasMore: s.hasMore };
}

export function profileJson(p: UserProfile) {
  return {
    id: p.user.id,
    displayName: p.user.displayName,
    joinedAt: p.user.createdAt,
    profile: userPath(p.user.id),
    upvoted: sectionJson(p.upvoted),
    submitted: sectionJson(p.submitted),
    commented: sectionJson(p.commented),
    authored: sectionJson(p.authored),
  };
}

export function registerUserRoutes(app: FastifyInstance, deps: WebDeps): void {
  for (const api of [false, true]) {
    app.get(`${api ? '/api' : ''}/users/:who`, async (request, reply) => {
      const { who } = parseOr400(UserParams, request.params);
      const cached = await deps.cache.get(anonymousCacheKey(request), async () => {
        const profile = await userProfileOrThrow(deps.store, who);
        return api
          ? { status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(profileJson(profile))) }
          : { status: 200, type: 'text/html; charset=utf-8', body: Buffer.from(profilePage(profile, deps.config.baseUrl).value) };
      });
      return sendCached(request, reply, cached);
    });
  }
}

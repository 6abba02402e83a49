// HTML forms post application/x-www-form-urlencoded; Node's URLSearchParams parses it (a repeated
// field keeps its last value). The body limit is the app's.
import type { FastifyInstance } from 'fastify';

export function registerFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
}

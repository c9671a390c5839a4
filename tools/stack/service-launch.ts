/**
 * How our services' node runs, in every harness and in their Dockerfiles: an 8 MB young generation. Node 24's
 * V8 grows it to 2 × 32 MB under load, which was most of the services' RSS growth in `npm run bench`
 * (memory-under-load peaks 265 / 255 MB → 177 / 155 MB). 4 MB saved a little more but slowed the consumer's
 * catch-up of a 100k backlog by a quarter; 8 MB measured the same as the default there.
 */
export const SERVICE_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=8'] as const;

/** What launches each of our services: the built entry point and the node flags it runs with. */
export const serviceLaunch = {
  users: { entry: 'user-service/dist/main.js', nodeFlags: SERVICE_NODE_FLAGS },
  profiles: { entry: 'profile-service/dist/main.js', nodeFlags: SERVICE_NODE_FLAGS },
} as const;

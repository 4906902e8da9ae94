/* deploy.h - `invoke deploy`, `invoke rollback` and `invoke releases`:
 * releases of a functions root, switched atomically under a symlink.
 *
 * The layout is the one Capistrano, Deployer and most hand-made scripts
 * use: the root the web server names, say /srv/app/current, is a symlink
 * to releases/NAME beside it (/srv/app/releases/NAME).  A deploy copies a
 * folder (or a git tree) into a new release, compiles every module of it
 * as the responder would (refusing a release that does not compile, and
 * filling the bytecode cache of --data on the way), then replaces the
 * symlink by rename(), which no request can see half done.  The responder
 * follows the symlink for each request (engine.h), and the store's scope
 * is the root as named, not the release (kv.h), so data outlives deploys.
 */
#ifndef INVOKE_DEPLOY_H
#define INVOKE_DEPLOY_H

/* The commands; argv[0] is the command's name.  Exit status 0, 1 when it
 * failed (the site is left as it was), 2 on bad usage. */
int dep_cmd_deploy(int argc, char **argv);
int dep_cmd_rollback(int argc, char **argv);
int dep_cmd_releases(int argc, char **argv);

#define DEP_USAGE_DEPLOY "deploy SRC --root ROOT [--ref GIT-REF] [--data DIR] [--keep N]\n" \
                         "      [--bytecode-max BYTES]"
#define DEP_USAGE_ROLLBACK "rollback --root ROOT [--data DIR]"
#define DEP_USAGE_RELEASES "releases --root ROOT"

#endif

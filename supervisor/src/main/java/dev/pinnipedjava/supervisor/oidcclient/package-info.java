/**
 * Dynamic OAuth clients (OIDCClient): their validation and status, and the registry that serves the
 * valid ones to the token and authorize endpoints from the informer caches.
 */
@NullMarked
package dev.pinnipedjava.supervisor.oidcclient;

import org.jspecify.annotations.NullMarked;

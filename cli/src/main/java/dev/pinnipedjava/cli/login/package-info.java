/**
 * OIDC login for the CLI: discovery, browser authorization code flow with a loopback listener or a
 * pasted code, CLI password flow, refresh, RFC 8693 exchange and session reuse. No picocli here.
 */
@NullMarked
package dev.pinnipedjava.cli.login;

import org.jspecify.annotations.NullMarked;

/**
 * Finding out whether an OIDC issuer is a Pinniped Supervisor and, if so, which scopes and which
 * upstream identity provider (name, type, flow) a kubeconfig should ask it for.
 */
@NullMarked
package dev.pinnipedjava.cli.supervisordiscovery;

import org.jspecify.annotations.NullMarked;

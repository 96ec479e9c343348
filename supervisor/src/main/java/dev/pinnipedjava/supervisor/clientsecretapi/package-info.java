/**
 * The Supervisor's aggregated API {@code clientsecret.supervisor.<suffix>/v1alpha1}: the
 * OIDCClientSecretRequest resource, which generates and revokes OIDCClient secrets.
 */
@NullMarked
package dev.pinnipedjava.supervisor.clientsecretapi;

import org.jspecify.annotations.NullMarked;

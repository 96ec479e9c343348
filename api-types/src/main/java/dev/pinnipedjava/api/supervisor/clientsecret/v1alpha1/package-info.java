/**
 * The Supervisor's client secret API ({@code clientsecret.supervisor.pinniped.dev/v1alpha1},
 * aggregated, namespaced): an OIDCClientSecretRequest generates or revokes an OIDCClient's secrets.
 */
@NullMarked
package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

import org.jspecify.annotations.NullMarked;

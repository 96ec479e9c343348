/**
 * The documents of the Supervisor's identity provider discovery ({@code
 * /v1alpha1/pinniped_identity_providers} and its entry in the OIDC discovery document), as the CLI
 * reads them.
 */
@NullMarked
package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import org.jspecify.annotations.NullMarked;

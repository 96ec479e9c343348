/**
 * The Supervisor's upstream identity provider resources ({@code
 * idp.supervisor.pinniped.dev/v1alpha1}, namespaced): OIDC, LDAP, Active Directory and GitHub.
 */
@NullMarked
package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import org.jspecify.annotations.NullMarked;

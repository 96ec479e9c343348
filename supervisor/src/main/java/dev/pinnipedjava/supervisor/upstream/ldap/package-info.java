/**
 * The LDAP engine behind LDAPIdentityProvider and ActiveDirectoryIdentityProvider: connections
 * (LDAPS or StartTLS, pooled per configuration), user and group searches, the password login and
 * its revalidation on refresh, and the controller that validates and publishes the providers.
 */
@NullMarked
package dev.pinnipedjava.supervisor.upstream.ldap;

import org.jspecify.annotations.NullMarked;

/**
 * Active Directory as a configuration of the LDAP engine: Pinniped's defaults (search bases from
 * the RootDSE, sAMAccountName/userPrincipalName users, nested groups), objectGUID UIDs and the
 * password, disabled and locked checks on refresh.
 */
@NullMarked
package dev.pinnipedjava.supervisor.upstream.activedirectory;

import org.jspecify.annotations.NullMarked;

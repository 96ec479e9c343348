/**
 * OpenLDAP slapd with its own configuration and directory on 127.0.0.1, for LDAP identity tests.
 */
@NullMarked
package dev.pinnipedjava.testkit.ldap;

import org.jspecify.annotations.NullMarked;

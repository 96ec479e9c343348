/** A throwaway Samba Active Directory domain controller serving only LDAP on 127.0.0.1. */
@NullMarked
package dev.pinnipedjava.testkit.activedirectory;

import org.jspecify.annotations.NullMarked;

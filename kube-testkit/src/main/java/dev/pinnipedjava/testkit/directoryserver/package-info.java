/** What the test kit's LDAP servers (OpenLDAP, Samba AD) share: connecting, waiting and writing. */
@NullMarked
package dev.pinnipedjava.testkit.directoryserver;

import org.jspecify.annotations.NullMarked;

/** OIDCClient secrets: bcrypt hashes, stored in one Secret per client as Pinniped stores them. */
@NullMarked
package dev.pinnipedjava.supervisor.clientsecret;

import org.jspecify.annotations.NullMarked;

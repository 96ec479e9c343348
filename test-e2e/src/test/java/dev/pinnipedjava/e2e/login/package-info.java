/** Logins through kubectl, the pinniped-java exec plugin, the Concierge, the Supervisor and Dex. */
@NullMarked
package dev.pinnipedjava.e2e.login;

import org.jspecify.annotations.NullMarked;

/** {@code /login}: the username and password form of providers that take them in the browser. */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.login;

import org.jspecify.annotations.NullMarked;

/** Test doubles and fixtures shared by the Supervisor's tests. */
@NullMarked
package dev.pinnipedjava.supervisor.testing;

import org.jspecify.annotations.NullMarked;

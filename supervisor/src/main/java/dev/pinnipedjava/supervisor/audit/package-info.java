/**
 * Audit events of the Supervisor as JSON lines (Pinniped's {@code auditevent}): what happened to
 * which request and login, with request parameters filtered through an allow-list and personal
 * information redacted unless the operator asked for it.
 */
@NullMarked
package dev.pinnipedjava.supervisor.audit;

import org.jspecify.annotations.NullMarked;

/**
 * The Supervisor's HTML pages (the form_post response page, the login form and the error page),
 * each with a Content Security Policy that allows exactly its own inline script and style, by hash.
 */
@NullMarked
package dev.pinnipedjava.supervisor.page;

import org.jspecify.annotations.NullMarked;

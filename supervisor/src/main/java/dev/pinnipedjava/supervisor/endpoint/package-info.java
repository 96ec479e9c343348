/**
 * What the HTTPS listener asks of an issuer endpoint: a request in, a response out. Each endpoint
 * lives in a subpackage of its own.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint;

import org.jspecify.annotations.NullMarked;

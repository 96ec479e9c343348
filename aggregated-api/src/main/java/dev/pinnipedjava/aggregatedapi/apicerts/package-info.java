/**
 * The aggregated API's own certificate authority and serving certificate, and the APIService
 * caBundle that trusts them.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.apicerts;

import org.jspecify.annotations.NullMarked;

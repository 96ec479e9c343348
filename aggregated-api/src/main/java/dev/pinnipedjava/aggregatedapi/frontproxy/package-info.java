/**
 * Front-proxy (request header) authentication of the kube-apiserver's proxy client certificate and
 * its X-Remote-* headers.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.frontproxy;

import org.jspecify.annotations.NullMarked;

/**
 * The base of objects served by aggregated APIs: the kube-apiserver proxies them to a Pinniped
 * server, which answers without storing them; there is no CRD for them.
 */
@NullMarked
package dev.pinnipedjava.api.aggregated;

import org.jspecify.annotations.NullMarked;

/**
 * The FederationDomain controller: validates every FederationDomain, writes its phase and
 * conditions with Pinniped's reasons and messages, and publishes the valid ones to the issuer
 * router.
 */
@NullMarked
package dev.pinnipedjava.supervisor.federation.controller;

import org.jspecify.annotations.NullMarked;

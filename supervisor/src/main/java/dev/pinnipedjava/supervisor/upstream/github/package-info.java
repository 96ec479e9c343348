/**
 * GitHub (or GitHub Enterprise Server) as an upstream identity provider: the controller that
 * validates GitHubIdentityProviders, and the provider that logs users in with a GitHub App or OAuth
 * App and maps their organizations and teams.
 */
@NullMarked
package dev.pinnipedjava.supervisor.upstream.github;

import org.jspecify.annotations.NullMarked;

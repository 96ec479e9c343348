/**
 * Test doubles and fixtures for the CLI's tests: loopback HTTPS servers, captured command runs,
 * clocks.
 */
@NullMarked
package dev.pinnipedjava.cli.testing;

import org.jspecify.annotations.NullMarked;

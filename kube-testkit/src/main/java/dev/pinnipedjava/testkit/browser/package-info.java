/**
 * Headless Chromium driven by Selenium through the system chromedriver, one profile per browser.
 */
@NullMarked
package dev.pinnipedjava.testkit.browser;

import org.jspecify.annotations.NullMarked;

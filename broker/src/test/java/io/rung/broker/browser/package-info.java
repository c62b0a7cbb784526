/** MQTT.js in headless Chromium: the browser path a phone takes, for WebSocket tests. */
@NullMarked
package io.rung.broker.browser;

import org.jspecify.annotations.NullMarked;

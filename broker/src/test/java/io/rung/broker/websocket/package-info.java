/** MQTT over WebSocket tests: raw frames, upgrade refusals, MQTT.js in headless Chromium. */
@NullMarked
package io.rung.broker.websocket;

import org.jspecify.annotations.NullMarked;

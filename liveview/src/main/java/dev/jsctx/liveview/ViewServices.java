package dev.jsctx.liveview;

/**
 * What the connected views of one feature share beyond their socket: the PubSub they subscribe to, the store
 * their state is parked in, and the log of that store's failures (once per interval for all views).
 */
record ViewServices(PubSub pubSub, ParkStore parkStore, RefusalLog storeFailures) {}

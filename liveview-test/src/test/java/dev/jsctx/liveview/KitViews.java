package dev.jsctx.liveview;

/** The test views, registered for the test kit's own tests, which live in another package. */
public final class KitViews {

    private KitViews() {}

    /** {@link TestView} at {@code /} and {@link RoomView} at {@code /rooms/{name}}. */
    public static LiveViewFeature feature() {
        return LiveViewFeature.builder()
                .view("/", TestView::new)
                .view("/rooms/{name}", RoomView::new)
                .view("/form", FormView::new)
                .build();
    }
}

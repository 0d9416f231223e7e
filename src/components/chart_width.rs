use leptos::prelude::*;

/// The width charts are drawn at: the content column (`<main id="main">` less its padding),
/// followed as the window is resized, within reason.
pub fn chart_width() -> Signal<u32> {
    let width = RwSignal::new(measure());
    let resize = window_event_listener(leptos::ev::resize, move |_| width.set(measure()));
    on_cleanup(move || resize.remove());
    width.into()
}

fn measure() -> u32 {
    let column = document()
        .get_element_by_id("main")
        .map(|m| f64::from(m.client_width()) - 48.0)
        .filter(|w| *w > 0.0);
    let w = column.unwrap_or_else(|| {
        window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .unwrap_or(960.0)
            - 64.0
    });
    w.clamp(320.0, 2400.0) as u32
}

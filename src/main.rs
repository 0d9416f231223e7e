fn main() {
    reservation_lens::crash_banner::install();
    reservation_lens::mount();
}

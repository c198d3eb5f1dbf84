#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| onshi_notice::fuzz::era_round_trip(text));

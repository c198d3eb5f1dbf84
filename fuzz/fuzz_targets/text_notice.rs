#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| onshi_notice::fuzz::text_notice(data));

//! The detector against a corpus of true and false positives, with its
//! precision and recall (printed: `cargo test -p casebook-server personal_data -- --nocapture`).

use super::{Kind, scan_text};

/// (text, the kinds a careful reader would flag in it).
const CORPUS: &[(&str, &[Kind])] = &[
    // Email addresses.
    ("Residents wrote to jane.smith@gmail.com about it.", &[Kind::Email]),
    ("Complaints came from j.o'neill@example.co.uk and others.", &[Kind::Email]),
    ("Contact A.Resident+bins@outlook.com for the survey.", &[Kind::Email]),
    // UK phone numbers, as people write them.
    ("Mrs B rang us on 07700 900123 every week.", &[Kind::Phone]),
    ("Her mobile, 07700900123, was on the form.", &[Kind::Phone]),
    ("Call +44 7700 900123 for the tenant.", &[Kind::Phone]),
    ("The landlord is on +44 (0)20 7946 0958.", &[Kind::Phone]),
    ("Ring (020) 7946 0958 after six.", &[Kind::Phone]),
    ("His number is 020 7946 0958.", &[Kind::Phone]),
    ("A resident (0161 496 0000) complained.", &[Kind::Phone]),
    ("Tel: 01632 960123.", &[Kind::Phone]),
    ("From abroad: 0044 161 496 0000.", &[Kind::Phone]),
    ("The carer's number 0117-496-0123 was shared.", &[Kind::Phone]),
    // National Insurance numbers: the format is enough, reserved examples included.
    ("His NI number QQ 12 34 56 C was in the spreadsheet.", &[Kind::NiNumber]),
    ("NINO AB123456C appeared on the export.", &[Kind::NiNumber]),
    ("written as jk 12 34 56 a on the form", &[Kind::NiNumber]),
    // Full postcodes.
    ("She lives at SW1A 1AA.", &[Kind::Postcode]),
    ("the flat in M1 1AE", &[Kind::Postcode]),
    ("Bins at B33 8TH were missed.", &[Kind::Postcode]),
    ("a house in CR2 6XH", &[Kind::Postcode]),
    ("post to DN55 1PT", &[Kind::Postcode]),
    ("written ec1a1bb without a space", &[Kind::Postcode]),
    // Dates of birth.
    ("The child, born 3 May 2015, was placed.", &[Kind::DateOfBirth]),
    ("DOB: 03/05/1961", &[Kind::DateOfBirth]),
    ("date of birth 1961-05-03", &[Kind::DateOfBirth]),
    ("d.o.b. 12.11.1948 on the referral", &[Kind::DateOfBirth]),
    ("born on March 4, 1955", &[Kind::DateOfBirth]),
    // Several at once.
    ("Mr X (NI QQ123456C) of LS1 4AP, 0113 496 0000.", &[Kind::NiNumber, Kind::Postcode, Kind::Phone]),
    // Lookalikes that are not personal data.
    ("Purchase order PO-4500123456 was raised in March.", &[]),
    ("Ticket #0012345678 stayed open.", &[]),
    ("Case reference 2023/00456 went to panel.", &[]),
    ("Sensors at grid reference TQ 3003 8030 failed first.", &[]),
    ("Survey square SU1234 was flown by drone.", &[]),
    ("It cost £1,234,567 over three years.", &[]),
    ("See ISBN 978-0-306-40615-7 for the method.", &[]),
    ("The project ran from 2019 to 2021.", &[]),
    ("We started on 3 May 2021 and stopped on 30/06/2022.", &[]),
    ("The SW1A postcode district was the pilot.", &[]),
    ("Traffic on the M62 and the A6 fell.", &[]),
    ("Laptops moved to Windows 11 22H2.", &[]),
    ("Residents called 101, 111 or 999.", &[]),
    ("Meet in room 0.12.", &[]),
    ("Follow @camdencouncil for updates.", &[]),
    ("Write to info at camden dot gov dot uk.", &[]),
    ("Release v1.2.3 fixed the forms.", &[]),
    ("1 in 3 residents used the app.", &[]),
    ("The helpline 0800 123 4567 is the council's own.", &[Kind::Phone]),
    ("An order number, 01234 567890, looks like a phone number.", &[]),
];

#[test]
fn the_detector_finds_personal_data_in_context_and_reports_its_precision_and_recall() {
    let (mut true_positives, mut false_positives, mut false_negatives) = (0, 0, 0);
    let mut misses = Vec::new();
    for (text, expected) in CORPUS {
        let mut found: Vec<Kind> = scan_text("body", text).into_iter().map(|warning| warning.kind).collect();
        let mut expected: Vec<Kind> = expected.to_vec();
        let sort = |kinds: &mut Vec<Kind>| kinds.sort_by_key(|kind| kind.as_str());
        sort(&mut found);
        sort(&mut expected);
        for kind in &found {
            match expected.iter().position(|wanted| wanted == kind) {
                Some(index) => {
                    expected.remove(index);
                    true_positives += 1;
                }
                None => {
                    false_positives += 1;
                    misses.push(format!("false positive {kind:?}: {text}"));
                }
            }
        }
        false_negatives += expected.len();
        misses.extend(expected.iter().map(|kind| format!("missed {kind:?}: {text}")));
    }
    let precision = f64::from(true_positives) / f64::from(true_positives + false_positives);
    let recall = f64::from(true_positives) / f64::from(true_positives + false_negatives as u32);
    println!(
        "personal data, {} samples: precision {precision:.3}, recall {recall:.3} \
         ({true_positives} found, {false_positives} false, {false_negatives} missed)",
        CORPUS.len()
    );
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(recall >= 0.95, "it errs towards warning: recall {recall:.3}: {misses:#?}");
    assert!(precision >= 0.9, "precision {precision:.3}: {misses:#?}");
}

#[test]
fn a_warning_names_its_field_and_shows_the_match_in_context() {
    let text = "We asked every household on the estate, and one resident, who gave her number as 07700 900123, \
                asked to be called back.";
    let warnings = scan_text("lessons[2]", text);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].field, "lessons[2]");
    assert_eq!(warnings[0].kind.as_str(), "PHONE");
    assert_eq!(warnings[0].excerpt, "…ident, who gave her number as 07700 900123, asked to be called back.");
}

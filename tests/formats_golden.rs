//! Golden output of every exporter on one tiny document, written out in full so that a
//! change in any format shows up in review. `UPDATE_EXPECT=1 cargo test --test formats_golden`
//! rewrites the expectations after an intended change.
#![cfg(not(target_arch = "wasm32"))]

mod formats_common;

use std::io::Read;

use dossier::formats::{brat, conll, csv, stix, w3c};
use expect_test::expect;
use formats_common::{multilingual, tiny};

/// The files of a zip archive, in archive order, as `== name ==` followed by the text.
fn unzip(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        out.push_str(&format!("== {} ==\n{text}", file.name().unwrap()));
        if !text.ends_with('\n') {
            out.push_str("⟨no final line break⟩\n");
        }
    }
    out
}

#[test]
fn brat_tiny() {
    expect![[r#"
        == annotation.conf ==
        [entities]
        PERSON
        ORG
        PLACE
        THREAT_ACTOR
        INCIDENT
        PLEDGE

        [relations]
        <OVERLAP>	Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

        [events]

        [attributes]
        Manual	Arg:<ENTITY>
        == tiny.txt ==
        Xi Jinping promised Biden to talk.
        Volt Typhoon hacked =U.S. networks, "again".⟨no final line break⟩
        == tiny.ann ==
        T1	PERSON 0 10	Xi Jinping
        #1	AnnotatorNotes T1	canonical: Xi Jinping
        T2	PLEDGE 0 34	Xi Jinping promised Biden to talk.
        T3	PERSON 20 25	Biden
        #2	AnnotatorNotes T3	canonical: Joe Biden
        A1	Manual T3
        T4	THREAT_ACTOR 35 47	Volt Typhoon
        #3	AnnotatorNotes T4	canonical: Volt Typhoon
        T5	INCIDENT 35 79	Volt Typhoon hacked =U.S. networks, "again".
        T6	PLACE 56 60	U.S.
        #4	AnnotatorNotes T6	canonical: United States
        == dossier.json ==
        {
          "documents": [
            {
              "base": "tiny",
              "lang": "en",
              "name": "tiny.txt"
            }
          ],
          "format": "dossier-brat",
          "version": 1
        }
    "#]]
    .assert_eq(&unzip(&brat::export(&tiny())));
}

#[test]
fn brat_splits_spans_at_line_breaks() {
    let files = unzip(&brat::export(&multilingual()));
    let ann = files
        .split("== en report, v2.html.ann ==\n")
        .nth(1)
        .unwrap()
        .split("== ")
        .next()
        .unwrap();
    expect![[r#"
        T1	ORG 6 9	🙂🇺🇸
        A1	Manual T1
        T2	THREAT_ACTOR 17 29	Salt Typhoon
        #1	AnnotatorNotes T2	canonical: Salt Typhoon
        T3	THREAT_ACTOR 37 50	Salt, Typhoon
        #2	AnnotatorNotes T3	canonical: Salt Typhoon
        A2	Manual T3
        T4	ORG 62 66	AT&T
        #3	AnnotatorNotes T4	canonical: AT&T
        T5	INCIDENT 68 80;81 84	The FBI said so.
        A3	Manual T5
        T6	ORG 72 75	FBI
        #4	AnnotatorNotes T6	canonical: Federal Bureau of Investigation
    "#]]
    .assert_eq(ann);
}

#[test]
fn conll_tiny() {
    expect![[r#"
        -DOCSTART-	O

        Xi	B-PERSON
        Jinping	I-PERSON
        promised	O
        Biden	B-PERSON
        to	O
        talk	O
        .	O

        Volt	B-THREAT_ACTOR
        Typhoon	I-THREAT_ACTOR
        hacked	O
        =	O
        U.S	B-PLACE
        .	I-PLACE
        networks	O
        ,	O
        "	O
        again	O
        "	O
        .	O

    "#]]
    .assert_eq(&conll::export(&tiny()));
}

#[test]
fn conll_cuts_words_at_entity_edges() {
    let value = multilingual();
    let out = conll::export(&value);
    let arabic = out.split("-DOCSTART-").nth(1).unwrap();
    expect![[r#"
        	O

        قال	O
        وانغ	B-PERSON
        يي	I-PERSON
        إن	O
        الصين	B-PLACE
        لن	O
        تتدخل	O
        .	O

        ووعد	O
        بلينكين	B-PERSON
        𠮷	O
        بالحوار	O
        .	O

    "#]]
    .assert_eq(arabic);
    let chinese = out.split("-DOCSTART-").nth(5).unwrap();
    expect![[r#"
        	O

        王	B-PERSON
        毅	I-PERSON
        表	O
        示	O
        ，	O
        中	B-PLACE
        国	I-PLACE
        愿	O
        同	O
        美	O
        方	O
        合	O
        作	O
        。	O

        美	B-PLACE
        国	I-PLACE
        指	O
        责	O
        伏	B-THREAT_ACTOR
        特	I-THREAT_ACTOR
        台	I-THREAT_ACTOR
        风	I-THREAT_ACTOR
        黑	O
        客	O
        入	O
        侵	O
        𠮷	O
        网	O
        络	O
        🙂	O
        。	O

    "#]]
    .assert_eq(chinese);
}

#[test]
fn csv_tiny() {
    let value = tiny();
    expect![[r#"
        ﻿document,start,end,text,label,canonical,source⏎
        tiny.txt,0,10,Xi Jinping,PERSON,Xi Jinping,auto⏎
        tiny.txt,20,25,Biden,PERSON,Joe Biden,manual⏎
        tiny.txt,35,47,Volt Typhoon,THREAT_ACTOR,Volt Typhoon,auto⏎
        tiny.txt,56,60,U.S.,PLACE,United States,auto⏎
    "#]]
    .assert_eq(&csv::entities(&value).replace("\r\n", "⏎\n"));
    expect![[r#"
        ﻿document,layer,start,end,sentence,trigger,category_or_kind,actor,actor_canonical,target_or_counterpart,stance,attributed_by,date,polarity,cameo,plover,content,source⏎
        tiny.txt,pledge,0,34,Xi Jinping promised Biden to talk.,,,,,,,,,,,,,auto⏎
        tiny.txt,incident,35,79,"Volt Typhoon hacked =U.S. networks, ""again"".",,,,,,,,,,,,,auto⏎
    "#]]
    .assert_eq(&csv::events(&value).replace("\r\n", "⏎\n"));
}

#[test]
fn w3c_tiny() {
    let out = w3c::export(&tiny());
    let mut value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = value["first"]["items"].as_array_mut().unwrap();
    assert_eq!(items.len(), 6);
    // The first annotation (an entity) and the manual one; the others differ only in values.
    let manual = items.remove(2);
    items.truncate(1);
    items.push(manual);
    let shown = serde_json::to_string_pretty(&value).unwrap();
    expect![[r#"
        {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          "first": {
            "id": "urn:uuid:38811db1-80ee-5d74-9d9c-62a9784b1f09",
            "items": [
              {
                "body": [
                  {
                    "purpose": "tagging",
                    "type": "TextualBody",
                    "value": "PERSON"
                  },
                  {
                    "purpose": "identifying",
                    "type": "TextualBody",
                    "value": "Xi Jinping"
                  }
                ],
                "creator": {
                  "name": "Dossier",
                  "type": "Software"
                },
                "id": "urn:uuid:64a105b2-6aee-54e6-b67e-3474e2962ecf",
                "motivation": "tagging",
                "target": {
                  "selector": [
                    {
                      "exact": "Xi Jinping",
                      "prefix": "",
                      "suffix": " promised Biden to talk.\nVolt Ty",
                      "type": "TextQuoteSelector"
                    },
                    {
                      "end": 10,
                      "start": 0,
                      "type": "TextPositionSelector"
                    }
                  ],
                  "source": "tiny.txt"
                },
                "type": "Annotation"
              },
              {
                "body": [
                  {
                    "purpose": "tagging",
                    "type": "TextualBody",
                    "value": "PERSON"
                  },
                  {
                    "purpose": "identifying",
                    "type": "TextualBody",
                    "value": "Joe Biden"
                  }
                ],
                "creator": {
                  "type": "Person"
                },
                "id": "urn:uuid:455e87e5-36af-52c8-9809-a635ec63eb58",
                "motivation": "tagging",
                "target": {
                  "selector": [
                    {
                      "exact": "Biden",
                      "prefix": "Xi Jinping promised ",
                      "suffix": " to talk.\nVolt Typhoon hacked =U",
                      "type": "TextQuoteSelector"
                    },
                    {
                      "end": 25,
                      "start": 20,
                      "type": "TextPositionSelector"
                    }
                  ],
                  "source": "tiny.txt"
                },
                "type": "Annotation"
              }
            ],
            "startIndex": 0,
            "type": "AnnotationPage"
          },
          "id": "urn:uuid:a9819df2-1804-5e1e-95d8-d04bba531c5b",
          "label": "Dossier annotations",
          "total": 6,
          "type": "AnnotationCollection"
        }"#]]
    .assert_eq(&shown);
}

#[test]
fn stix_tiny() {
    let out = stix::export(&tiny(), "2026-11-22T10:00:00Z").unwrap();
    expect![[r#"
        {
          "id": "bundle--cdedf085-8d68-507e-b654-59d9c25c2c9c",
          "objects": [
            {
              "created": "2026-11-22T10:00:00.000Z",
              "id": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "identity_class": "system",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "Dossier",
              "spec_version": "2.1",
              "type": "identity"
            },
            {
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "description": "Also written: Biden",
              "id": "identity--32ea8612-aeb3-5016-aab5-568d61e297ce",
              "identity_class": "individual",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "Joe Biden",
              "spec_version": "2.1",
              "type": "identity"
            },
            {
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "id": "identity--7b0d46f0-dc6d-5ef8-b4dc-c211bb3e270f",
              "identity_class": "individual",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "Xi Jinping",
              "spec_version": "2.1",
              "type": "identity"
            },
            {
              "country": "US",
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "description": "Also written: U.S.",
              "id": "location--599cadb9-ee6e-5c9c-8e4d-0d00b527c4a8",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "United States",
              "spec_version": "2.1",
              "type": "location"
            },
            {
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "id": "intrusion-set--15539f1d-5c93-50de-b2f8-c8e1c8331979",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "Volt Typhoon",
              "spec_version": "2.1",
              "type": "intrusion-set"
            },
            {
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "description": "Annotated by Dossier. Entity mentions: 4; cyber incident sentences: 1; diplomatic pledge sentences: 1.",
              "id": "report--dd496cf9-bbd6-5eb5-bfdd-808278906931",
              "lang": "en",
              "modified": "2026-11-22T10:00:00.000Z",
              "name": "tiny.txt",
              "object_refs": [
                "identity--32ea8612-aeb3-5016-aab5-568d61e297ce",
                "identity--7b0d46f0-dc6d-5ef8-b4dc-c211bb3e270f",
                "intrusion-set--15539f1d-5c93-50de-b2f8-c8e1c8331979",
                "location--599cadb9-ee6e-5c9c-8e4d-0d00b527c4a8"
              ],
              "published": "2026-11-22T10:00:00.000Z",
              "report_types": [
                "threat-report"
              ],
              "spec_version": "2.1",
              "type": "report"
            },
            {
              "abstract": "Diplomatic pledge sentence",
              "content": "Xi Jinping promised Biden to talk.",
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "id": "note--b25673dc-7c00-5ebd-8f61-8b5257cb2ea9",
              "labels": [
                "pledge"
              ],
              "modified": "2026-11-22T10:00:00.000Z",
              "object_refs": [
                "report--dd496cf9-bbd6-5eb5-bfdd-808278906931",
                "identity--32ea8612-aeb3-5016-aab5-568d61e297ce",
                "identity--7b0d46f0-dc6d-5ef8-b4dc-c211bb3e270f"
              ],
              "spec_version": "2.1",
              "type": "note"
            },
            {
              "abstract": "Cyber incident sentence",
              "content": "Volt Typhoon hacked =U.S. networks, \"again\".",
              "created": "2026-11-22T10:00:00.000Z",
              "created_by_ref": "identity--8800c8dd-5f0f-5be7-a6c7-c7b4ebb8c9f6",
              "id": "note--8d16be5a-7afc-53b8-836d-2a681894d7b8",
              "labels": [
                "incident"
              ],
              "modified": "2026-11-22T10:00:00.000Z",
              "object_refs": [
                "report--dd496cf9-bbd6-5eb5-bfdd-808278906931",
                "intrusion-set--15539f1d-5c93-50de-b2f8-c8e1c8331979",
                "location--599cadb9-ee6e-5c9c-8e4d-0d00b527c4a8"
              ],
              "spec_version": "2.1",
              "type": "note"
            }
          ],
          "type": "bundle"
        }
    "#]].assert_eq(&out);
}

#[test]
fn stix_refuses_a_bad_timestamp() {
    let err = stix::export(&tiny(), "22/11/2026").unwrap_err();
    expect![[
        r#"timestamp "22/11/2026" is not of the form 2026-11-22T10:00:00Z (UTC, fractions allowed)"#
    ]]
    .assert_eq(&err);
}

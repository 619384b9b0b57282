//! A JSON document as a tree of byte ranges: where each value lies in the text, so that a
//! writer can replace one string or one list item and leave every other byte as it was.

use std::ops::Range;

/// A JSON value and its byte range in the text parsed.
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

pub enum Value {
    /// Members: the key's contents (between the quotes) and the value.
    Object(Vec<(Range<usize>, Node)>),
    Array(Vec<Node>),
    String,
    /// Numbers, `true`, `false`, `null`.
    Other,
}

impl Node {
    /// Parses a valid JSON text (serde_json has accepted it) from byte `from`; `None` where it
    /// is not JSON after all.
    pub fn parse(source: &str, from: usize) -> Option<Node> {
        let mut parser = Parser {
            bytes: source.as_bytes(),
            pos: from,
        };
        parser.value()
    }

    /// The value of `key`, in an object.
    pub fn get(&self, source: &str, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => (members.iter())
                .find(|(k, _)| &source[k.clone()] == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a dotted path of keys and list indices (`alternatives.0.content`).
    pub fn path(&self, source: &str, path: &str) -> Option<&Node> {
        path.split('.')
            .try_fold(self, |node, step| match step.parse::<usize>() {
                Ok(k) => node.items()?.get(k),
                Err(_) => node.get(source, step),
            })
    }

    /// The contents of a string (between the quotes).
    pub fn string(&self) -> Option<Range<usize>> {
        matches!(self.value, Value::String).then(|| self.span.start + 1..self.span.end - 1)
    }

    /// A number, or a string that holds one (AWS writes `"0.998"`).
    pub fn number(&self, source: &str) -> Option<f64> {
        let text = match self.value {
            Value::Other => &source[self.span.clone()],
            Value::String => source[self.string()?].trim(),
            _ => return None,
        };
        text.parse().ok().filter(|x: &f64| x.is_finite())
    }

    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }
}

/// A JSON parser that keeps the byte range of every value. It reads text serde_json has
/// already accepted, so it only needs to be right on valid JSON (and never panic otherwise).
struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(found);
        found
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_whitespace();
        let start = self.pos;
        let value = match self.bytes.get(self.pos)? {
            b'{' => self.object()?,
            b'[' => self.array()?,
            b'"' => {
                self.string()?;
                Value::String
            }
            _ => {
                let len = self.bytes[self.pos..]
                    .iter()
                    .take_while(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .count();
                if len == 0 {
                    return None;
                }
                self.pos += len;
                Value::Other
            }
        };
        Some(Node {
            span: start..self.pos,
            value,
        })
    }

    fn object(&mut self) -> Option<Value> {
        self.pos += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Some(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            let key = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            members.push((key, self.value()?));
            if self.eat(b'}') {
                return Some(Value::Object(members));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn array(&mut self) -> Option<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Some(Value::Array(items));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// A string at the position: the range of its contents.
    fn string(&mut self) -> Option<Range<usize>> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match self.bytes.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        Some(start..i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_reach_keys_and_list_items() {
        let doc = r#"{"items": [{"alternatives": [{"content": "Ada", "confidence": "0.25"}]}]}"#;
        let root = Node::parse(doc, 0).unwrap();
        let item = &root.get(doc, "items").unwrap().items().unwrap()[0];
        let content = item.path(doc, "alternatives.0.content").unwrap();
        assert_eq!(&doc[content.string().unwrap()], "Ada");
        let confidence = item.path(doc, "alternatives.0.confidence").unwrap();
        assert_eq!(confidence.number(doc), Some(0.25));
        assert!(item.path(doc, "alternatives.1.content").is_none());
    }
}

//! The search index between two renders of `serve`: what a render keeps of it, and
//! how the next render reuses that to tokenize only the documents that changed and
//! to encode only the index files they touch.
//!
//! What it is for: the search side of an incremental render, which `build`'s warm
//! render drives. What it is not: deciding when a render may be incremental (that
//! is `build`), or the index format: [`Assembled::update`] says which files a
//! change touches. The result is the same index as [`super::build_index`] makes.

use rayon::prelude::*;

use super::SearchDoc;
use super::index::{Assembled, DocTerms, IndexOptions, tokenize_doc};
use crate::output::OutputFile;

/// What a render keeps of the search index for the next one: every item's search
/// document, its tokens and the assembled index.
#[derive(Debug, Default)]
pub(crate) struct WarmIndex {
    docs: Vec<SearchDoc>,
    terms: Vec<DocTerms>,
    index: Option<Assembled>,
}

impl WarmIndex {
    /// The tokens of `docs`, taken from this warm index for every document that
    /// did not change; the positions of those that did; the index to update.
    pub(crate) fn retokenize(self, docs: &[SearchDoc]) -> Retokenized {
        let WarmIndex { docs: old_docs, terms: old_terms, index } = self;
        let mut old: Vec<Option<DocTerms>> = if old_docs.len() == docs.len() {
            old_terms.into_iter().map(Some).collect()
        } else {
            Vec::new()
        };
        old.resize_with(docs.len(), || None);
        let (terms, fresh): (Vec<DocTerms>, Vec<bool>) = docs
            .par_iter()
            .zip(old.into_par_iter())
            .enumerate()
            .map(|(i, (doc, kept))| match kept {
                Some(terms) if old_docs.get(i) == Some(doc) => (terms, false),
                _ => (tokenize_doc(doc), true),
            })
            .unzip();
        let changed = fresh.iter().enumerate().filter(|&(_, &f)| f).map(|(i, _)| i).collect();
        let index = index.filter(|_| old_docs.len() == docs.len());
        Retokenized { terms, changed, index }
    }
}

/// The tokens of a render's search documents, ready to update or assemble the index.
#[derive(Debug)]
pub(crate) struct Retokenized {
    terms: Vec<DocTerms>,
    changed: Vec<usize>,
    index: Option<Assembled>,
}

impl Retokenized {
    /// The index files the changed documents touch, when the previous index can be
    /// updated (see [`Assembled::update`]); `None` when it cannot, and
    /// [`Retokenized::assemble`] must make every file.
    pub(crate) fn update(&mut self) -> Option<Vec<OutputFile>> {
        let files = self.index.as_mut()?.update(&self.terms, &self.changed);
        if files.is_none() {
            self.index = None;
        }
        files
    }

    /// Every file of the index, assembled afresh.
    pub(crate) fn assemble(&mut self) -> Vec<OutputFile> {
        let (files, index) = Assembled::new(&self.terms, IndexOptions::default());
        self.index = Some(index);
        files
    }

    /// What the next render keeps: `docs` (the documents these tokens are of),
    /// their tokens and the index.
    pub(crate) fn keep(self, docs: Vec<SearchDoc>) -> WarmIndex {
        WarmIndex { docs, terms: self.terms, index: self.index }
    }
}

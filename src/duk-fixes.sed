# duk-fixes.sed - our changes to the build tree's copy of Duktape 2.7's
# duktape.c (Makefile.am applies them; each edit is checked there).
#
# A quantified group that can match the empty string ((?: *(?:\n|$))+,
# (a*)*, (?:a|$)*) loops without end in Duktape's regexp executor until
# "regexp executor recursion limit": its compiler says "there is no current
# solution for empty atoms in complex quantifiers".  ECMAScript stops
# repeating a group once an iteration matched nothing (RepeatMatcher).
# marked fails on every paragraph for it.  The fix: the loop's SPLIT (the
# only backward SPLITs the compiler emits) remembers, for each iteration in
# progress, where it began; an iteration that ends where it began fails, so
# the matcher backtracks into it and then leaves the loop, as the
# specification's RepeatMatcher does (captures included: /(a*)*b/ on "aab"
# keeps "aa").  An iteration in progress always began before the current
# position (an empty one never gets past the check), so a loop entered
# again from an outer loop is never taken for its own earlier iteration.

# the iterations in progress, innermost first
/^	duk_uint32_t steps_limit;$/a\
	void *invoke_loops; /* invoke-fcgi: struct duk__re_loop, see duk__re_loop_split */

/^DUK_LOCAL const duk_uint8_t \*duk__match_regexp(duk_re_matcher_ctx \*re_ctx, const duk_uint8_t \*pc, const duk_uint8_t \*sp) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): a loop that makes no progress ends. */\
typedef struct duk__re_loop {\
	const duk_uint8_t *pc;\
	const duk_uint8_t *sp;\
	struct duk__re_loop *prev;\
} duk__re_loop;\
DUK_LOCAL const duk_uint8_t *duk__match_regexp(duk_re_matcher_ctx *re_ctx, const duk_uint8_t *pc, const duk_uint8_t *sp);\
/* At a SPLIT (*pc just after its opcode): 0 when it is not a loop's (the\
 * caller goes on as before), else 1 matched (*sp set), 2 failed, 3 go on\
 * with the sequel at *pc. */\
DUK_LOCAL int duk__re_loop_split(duk_re_matcher_ctx *re_ctx, const duk_uint8_t **pc, const duk_uint8_t **sp, int lazy) {\
	const duk_uint8_t *at = *pc - 1, *p = *pc, *sub;\
	duk_int32_t skip = duk__bc_get_i32(re_ctx, &p);\
	duk__re_loop node, *l;\
	int again;\
	if (skip >= 0)\
		return 0;\
	for (l = (duk__re_loop *) re_ctx->invoke_loops; l != NULL && l->pc != at; l = l->prev)\
		;\
	again = l == NULL || l->sp != *sp;\
	if (!again)\
		return 2;\
	if (lazy) {\
		sub = duk__match_regexp(re_ctx, p, *sp);\
		if (sub) { *sp = sub; return 1; }\
	}\
	node.pc = at;\
	node.sp = *sp;\
	node.prev = (duk__re_loop *) re_ctx->invoke_loops;\
	re_ctx->invoke_loops = &node;\
	sub = duk__match_regexp(re_ctx, p + skip, *sp);\
	re_ctx->invoke_loops = node.prev;\
	if (sub) { *sp = sub; return 1; }\
	if (lazy) return 2;\
	*pc = p;\
	return 3;\
}

/^		case DUK_REOP_SPLIT1: {$/a\
			switch (duk__re_loop_split(re_ctx, &pc, &sp, 1)) { case 1: goto match; case 2: goto fail; case 3: continue; default: break; } /* invoke-fcgi */

/^		case DUK_REOP_SPLIT2: {$/a\
			switch (duk__re_loop_split(re_ctx, &pc, &sp, 0)) { case 1: goto match; case 2: goto fail; case 3: continue; default: break; } /* invoke-fcgi */

# A property read or write on undefined or null says what V8 says
# ("Cannot read properties of undefined (reading 'y')"): code and tests
# written against node match on it (pug prints it in its own errors).
/^		               "cannot read property %s of %s",$/{
N
N
s/.*/		               "Cannot read properties of %s (reading %s)", \/* invoke-fcgi *\/\
		               duk_push_string_tval_readable(thr, tv_obj),\
		               duk_push_string_tval_readable(thr, tv_key));/
}
/^		               "cannot write property %s of %s",$/{
N
N
s/.*/		               "Cannot set properties of %s (setting %s)", \/* invoke-fcgi *\/\
		               duk_push_string_tval_readable(thr, tv_obj),\
		               duk_push_string_tval_readable(thr, tv_key));/
}

# Lookbehind, (?<=…) and (?<!…) (ES2018): decamelize and minimatch use
# it.  As the specification says, a lookbehind's body matches backward,
# from the current position towards the input's start: the compiler emits
# each alternative's terms in reverse order (a finished term moves to the
# alternative's start) and the executor, in backward mode, takes each
# character from before the current position.  Captures in the body then
# are the specification's too (the greedy match from the right: /(?<=(\d+)
# (\d+))$/ gives "1" and "053" on "1053"), and a capture group meets its
# end first (its SAVEs swap).  A lookahead inside a lookbehind matches
# forward again; the direction is the compiler's invoke_back while the body
# is parsed and the executor's while it runs (both restored after it).
/^#define DUK_RETOK_ATOM_END_GROUP  *22$/a\
#define DUK_RETOK_INVOKE_LOOKBEHIND_POS 23 /* invoke-fcgi: (?<= */\
#define DUK_RETOK_INVOKE_LOOKBEHIND_NEG 24

/^#define DUK_REOP_ASSERT_NOT_WORD_BOUNDARY 19$/a\
#define DUK_REOP_INVOKE_LOOKBEHIND_POS 20 /* invoke-fcgi: src/duk-fixes.sed */\
#define DUK_REOP_INVOKE_LOOKBEHIND_NEG 21

/^	duk_uint32_t nranges; \/\* internal temporary value, used for char classes \*\/$/a\
	duk_small_int_t invoke_back; /* invoke-fcgi: parsing a lookbehind's body */\
	duk_idx_t invoke_terms; /* its list of term starts, 0 when none (0 is the pattern) */\
	duk_uint32_t invoke_nterms;

/^	duk_uint32_t steps_limit;$/a\
	duk_small_int_t invoke_back; /* invoke-fcgi: matching a lookbehind's body, right to left */

/^			} else if (DUK__L2() == DUK_ASC_COLON) {$/i\
			} else if (DUK__L2() == DUK_ASC_LANGLE && (DUK__L3() == DUK_ASC_EQUALS || DUK__L3() == DUK_ASC_EXCLAMATION)) {\
				/* (?<= and (?<! (invoke-fcgi) */\
				advtok = DUK__ADVTOK(4, DUK__L3() == DUK_ASC_EQUALS ? DUK_RETOK_INVOKE_LOOKBEHIND_POS : DUK_RETOK_INVOKE_LOOKBEHIND_NEG);

/^DUK_LOCAL void duk__parse_disjunction(duk_re_compiler_ctx \*re_ctx, duk_bool_t expect_eof, duk__re_disjunction_info \*out_atom_info) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): in a lookbehind's body the terms of an\
 * alternative match right to left.  Each term's start goes on a list (a\
 * buffer on the value stack, at invoke_terms, shared by the nested\
 * alternatives: each uses the entries from its base on), and when the\
 * alternative ends (| or ) or the end) its code from alt on is put\
 * together again, last term first: one copy, not one move per term. */\
DUK_LOCAL void duk__re_back_term(duk_re_compiler_ctx *re_ctx, duk_uint32_t alt, duk_uint32_t base) {\
	duk_hthread *thr = re_ctx->thr;\
	duk_small_uint_t t = re_ctx->curr_token.t;\
	duk_uint32_t n = re_ctx->invoke_nterms, end, i, at, from, to;\
	duk_uint32_t *terms;\
	duk_uint8_t *code, *tmp;\
	duk_size_t size;\
	if (t == DUK_RETOK_QUANTIFIER)\
		return; /* the same term goes on */\
	terms = (duk_uint32_t *) duk_get_buffer_data(thr, re_ctx->invoke_terms, &size);\
	if (t != DUK_RETOK_DISJUNCTION && t != DUK_RETOK_ATOM_END_GROUP && t != DUK_RETOK_EOF) {\
		if ((duk_size_t) (n + 1) * sizeof(duk_uint32_t) > size)\
			terms = (duk_uint32_t *) duk_resize_buffer(thr, re_ctx->invoke_terms, (duk_size_t) (n + 16) * 2 * sizeof(duk_uint32_t));\
		terms[n] = (duk_uint32_t) DUK__RE_BUFLEN(re_ctx);\
		re_ctx->invoke_nterms = n + 1;\
		return;\
	}\
	re_ctx->invoke_nterms = base;\
	if (n - base < 2)\
		return;\
	end = (duk_uint32_t) DUK__RE_BUFLEN(re_ctx);\
	duk_require_stack(thr, 1);\
	tmp = (duk_uint8_t *) duk_push_fixed_buffer_nozero(thr, (duk_size_t) (end - alt));\
	terms = (duk_uint32_t *) duk_get_buffer_data(thr, re_ctx->invoke_terms, NULL);\
	code = DUK_BW_GET_BASEPTR(thr, &re_ctx->bw);\
	DUK_ASSERT(terms[base] == alt);\
	for (i = n, to = end, at = 0; i > base; i--, to = from) {\
		from = terms[i - 1];\
		duk_memcpy((void *) (tmp + at), (const void *) (code + from), (size_t) (to - from));\
		at += to - from;\
	}\
	duk_memcpy((void *) (code + alt), (const void *) tmp, (size_t) at);\
	duk_pop(thr);\
}

/^	duk__re_disjunction_info tmp_disj;$/a\
	duk_uint32_t invoke_alt = entry_offset; /* invoke-fcgi: see duk__re_back_term */\
	duk_uint32_t invoke_base = re_ctx->invoke_nterms;

/^		duk_lexer_parse_re_token(&re_ctx->lex, &re_ctx->curr_token);$/a\
		if (re_ctx->invoke_back) duk__re_back_term(re_ctx, invoke_alt, invoke_base); /* invoke-fcgi */

/^			unpatched_disjunction_jump = (duk_int32_t) DUK__RE_BUFLEN(re_ctx);$/a\
			invoke_alt = (duk_uint32_t) unpatched_disjunction_jump; /* invoke-fcgi: the next alternative */

s/^			duk__append_u32(re_ctx, cap \* 2);$/			duk__append_u32(re_ctx, cap * 2 + (re_ctx->invoke_back ? 1 : 0)); \/* invoke-fcgi: backward, the end comes first *\//
s/^			duk__append_u32(re_ctx, cap \* 2 + 1);$/			duk__append_u32(re_ctx, cap * 2 + (re_ctx->invoke_back ? 0 : 1)); \/* invoke-fcgi *\//

/^		case DUK_RETOK_ASSERT_START_POS_LOOKAHEAD:$/,/^		case DUK_RETOK_ATOM_PERIOD: {$/c\
		case DUK_RETOK_ASSERT_START_POS_LOOKAHEAD:\
		case DUK_RETOK_ASSERT_START_NEG_LOOKAHEAD:\
		case DUK_RETOK_INVOKE_LOOKBEHIND_POS:\
		case DUK_RETOK_INVOKE_LOOKBEHIND_NEG: { /* invoke-fcgi: the body is parsed in its own direction */\
			duk_uint32_t offset;\
			duk_small_uint_t t = re_ctx->curr_token.t;\
			duk_small_int_t back = re_ctx->invoke_back;\
			duk_uint32_t opcode = t == DUK_RETOK_ASSERT_START_POS_LOOKAHEAD ? DUK_REOP_LOOKPOS :\
			                      t == DUK_RETOK_ASSERT_START_NEG_LOOKAHEAD ? DUK_REOP_LOOKNEG :\
			                      t == DUK_RETOK_INVOKE_LOOKBEHIND_POS ? DUK_REOP_INVOKE_LOOKBEHIND_POS :\
			                      DUK_REOP_INVOKE_LOOKBEHIND_NEG;\
\
			duk_idx_t terms = 0;\
\
			offset = (duk_uint32_t) DUK__RE_BUFLEN(re_ctx);\
			re_ctx->invoke_back = t == DUK_RETOK_INVOKE_LOOKBEHIND_POS || t == DUK_RETOK_INVOKE_LOOKBEHIND_NEG;\
			if (re_ctx->invoke_back && re_ctx->invoke_terms == 0) {\
				/* the outermost lookbehind makes the list of term starts */\
				duk_require_stack(re_ctx->thr, 1);\
				(void) duk_push_dynamic_buffer(re_ctx->thr, 0);\
				terms = re_ctx->invoke_terms = duk_get_top_index(re_ctx->thr);\
				re_ctx->invoke_nterms = 0;\
			}\
			duk__parse_disjunction(re_ctx, 0, &tmp_disj);\
			re_ctx->invoke_back = back;\
			if (terms != 0) {\
				duk_remove(re_ctx->thr, terms);\
				re_ctx->invoke_terms = 0;\
			}\
			duk__append_reop(re_ctx, DUK_REOP_MATCH);\
\
			(void) duk__insert_u32(re_ctx, offset, opcode);\
			(void) duk__insert_jump_offset(re_ctx,\
			                               offset + 1, /* +1 for opcode */\
			                               (duk_int32_t) (DUK__RE_BUFLEN(re_ctx) - (offset + 1)));\
\
			/* an assertion: no atom a quantifier could repeat */\
			res_charlen = -1;\
			break;\
		}\
		case DUK_RETOK_ATOM_PERIOD: {

/^DUK_LOCAL const duk_uint8_t \*duk__match_regexp(duk_re_matcher_ctx \*re_ctx, const duk_uint8_t \*pc, const duk_uint8_t \*sp) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): the next input character in the\
 * direction of the match, -1 past the input's end (or start); *sp moves\
 * over it. */\
DUK_LOCAL duk_codepoint_t duk__inp_take_cp(duk_re_matcher_ctx *re_ctx, const duk_uint8_t **sp) {\
	const duk_uint8_t *p;\
	if (!re_ctx->invoke_back)\
		return duk__inp_get_cp(re_ctx, sp);\
	if (*sp <= re_ctx->input)\
		return -1;\
	(void) duk__inp_backtrack(re_ctx, sp, 1);\
	p = *sp;\
	return duk__inp_get_cp(re_ctx, &p);\
}

s/^			c2 = duk__inp_get_cp(re_ctx, &sp);$/			c2 = duk__inp_take_cp(re_ctx, \&sp); \/* invoke-fcgi *\//
s/^			c = duk__inp_get_cp(re_ctx, &sp);$/			c = duk__inp_take_cp(re_ctx, \&sp); \/* invoke-fcgi *\//
# a simple quantifier gives back one atom: forward in a lookbehind
s/^				sp = duk__inp_backtrack(re_ctx, &sp, (duk_uint_fast32_t) atomlen);$/				sp = re_ctx->invoke_back ? duk__utf8_advance(re_ctx->thr, \&sp, re_ctx->input, re_ctx->input_end, (duk_uint_fast32_t) atomlen) : duk__inp_backtrack(re_ctx, \&sp, (duk_uint_fast32_t) atomlen); \/* invoke-fcgi *\//

/^		case DUK_REOP_LOOKPOS:$/,/^		case DUK_REOP_BACKREFERENCE: {$/c\
		case DUK_REOP_LOOKPOS:\
		case DUK_REOP_LOOKNEG:\
		case DUK_REOP_INVOKE_LOOKBEHIND_POS:\
		case DUK_REOP_INVOKE_LOOKBEHIND_NEG: { /* invoke-fcgi: the body runs in its own direction */\
			/* Every saved[] entry is kept for restoring, as Duktape's\
			 * lookahead does: the body, and the sequel after it, may\
			 * change any of them. */\
			duk_int32_t skip;\
			duk_uint8_t **full_save;\
			const duk_uint8_t *sub_sp;\
			duk_small_int_t back = re_ctx->invoke_back;\
			duk_small_int_t positive = op == DUK_REOP_LOOKPOS || op == DUK_REOP_INVOKE_LOOKBEHIND_POS;\
\
			DUK_ASSERT(re_ctx->nsaved > 0);\
			duk_require_stack(re_ctx->thr, 1);\
			full_save =\
			    (duk_uint8_t **) duk_push_fixed_buffer_nozero(re_ctx->thr, sizeof(duk_uint8_t *) * re_ctx->nsaved);\
			duk_memcpy(full_save, re_ctx->saved, sizeof(duk_uint8_t *) * re_ctx->nsaved);\
\
			skip = duk__bc_get_i32(re_ctx, &pc);\
			re_ctx->invoke_back = op == DUK_REOP_INVOKE_LOOKBEHIND_POS || op == DUK_REOP_INVOKE_LOOKBEHIND_NEG;\
			sub_sp = duk__match_regexp(re_ctx, pc, sp);\
			re_ctx->invoke_back = back;\
			if ((sub_sp != NULL) != positive) {\
				goto lookaround_fail;\
			}\
			sub_sp = duk__match_regexp(re_ctx, pc + skip, sp);\
			if (sub_sp) {\
				duk_pop_unsafe(re_ctx->thr);\
				sp = sub_sp;\
				goto match;\
			}\
\
		lookaround_fail:\
			duk_memcpy((void *) re_ctx->saved, (const void *) full_save, sizeof(duk_uint8_t *) * re_ctx->nsaved);\
			duk_pop_unsafe(re_ctx->thr);\
			goto fail;\
		}\
		case DUK_REOP_BACKREFERENCE: {

/^			p = re_ctx->saved\[idx\];$/a\
			if (re_ctx->invoke_back) { /* invoke-fcgi: the text before sp, compared from its end */\
				const duk_uint8_t *q = re_ctx->saved[idx + 1];\
				duk_codepoint_t c1, c2;\
				while (q > p) {\
					c1 = duk__inp_take_cp(re_ctx, &q);\
					c2 = duk__inp_take_cp(re_ctx, &sp);\
					if (c1 != c2) {\
						goto fail;\
					}\
				}\
				break;\
			}

# A complex atom (a group with alternatives, captures or assertions)
# repeated {n,m} was compiled as n..m copies of its code, nested counts
# multiplying: linkify-it (markdown-it with linkify) nests (?:…){0,1000}
# four deep inside (?:…){1,10000} and passed the buffer's limit ("buffer
# too long"), and any count over 1000 was "quantifier requires too many
# atom copies".  Such a count other than * + {1} now compiles to a loop:
# RPT_START min max greedy skip, the atom, RPT_END, its size that of one
# copy.  The executor keeps one node per iteration on the C stack (the
# count and where the iteration began) and decides at each end as
# ECMAScript's RepeatMatcher does: below min repeat, at max go on, else
# greedy repeat first or lazy go on first; an iteration past min that
# matched nothing fails (so ? is one too: /(?:(?=(a)))?a/ leaves the group
# undefined, as in V8).  The innermost loop's node is re_ctx->invoke_rpt;
# leaving a loop for its sequel makes the loop around it innermost again.
/^#define DUK_REOP_ASSERT_NOT_WORD_BOUNDARY 19$/a\
#define DUK_REOP_INVOKE_RPT_START 22 /* invoke-fcgi: a counted loop */\
#define DUK_REOP_INVOKE_RPT_END 23

/^	duk_uint32_t steps_limit;$/a\
	void *invoke_rpt; /* invoke-fcgi: struct duk__re_rpt, see duk__re_rpt_step */

/^DUK_LOCAL void duk__parse_disjunction(duk_re_compiler_ctx \*re_ctx, duk_bool_t expect_eof, duk__re_disjunction_info \*out_atom_info) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): whether the quantifier of a complex\
 * atom makes a counted loop (else Duktape's code: *, + and {1}).  ? is\
 * one: its iteration that matches nothing fails, captures undefined. */\
#define DUK__RE_COUNTED(tok) (!((tok).qmin <= 1 && (tok).qmax == DUK_RE_QUANTIFIER_INFINITE) && !((tok).qmin == 1 && (tok).qmax == 1))\
/* The atom (its WIPERANGE first) from atom_start on becomes a loop's body. */\
DUK_LOCAL void duk__re_counted(duk_re_compiler_ctx *re_ctx, duk_uint32_t atom_start) {\
	duk_uint32_t off = atom_start, len;\
	duk__append_reop(re_ctx, DUK_REOP_INVOKE_RPT_END);\
	len = (duk_uint32_t) DUK__RE_BUFLEN(re_ctx) - atom_start;\
	off += duk__insert_u32(re_ctx, off, DUK_REOP_INVOKE_RPT_START);\
	off += duk__insert_u32(re_ctx, off, re_ctx->curr_token.qmin);\
	off += duk__insert_u32(re_ctx, off, re_ctx->curr_token.qmax);\
	off += duk__insert_u32(re_ctx, off, re_ctx->curr_token.greedy ? 1U : 0U);\
	(void) duk__insert_jump_offset(re_ctx, off, (duk_int32_t) len);\
}

s/^				if (atom_copies > DUK_RE_MAX_ATOM_COPIES) {$/				if (atom_copies > DUK_RE_MAX_ATOM_COPIES \&\& !DUK__RE_COUNTED(re_ctx->curr_token)) { \/* invoke-fcgi *\//

/^				\/\* insert the required matches (qmin) by copying the atom \*\/$/i\
				if (DUK__RE_COUNTED(re_ctx->curr_token)) { /* invoke-fcgi: a loop, not copies */\
					duk__re_counted(re_ctx, (duk_uint32_t) atom_start_offset);\
					res_charlen = -1;\
					break;\
				}

/^DUK_LOCAL const duk_uint8_t \*duk__match_regexp(duk_re_matcher_ctx \*re_ctx, const duk_uint8_t \*pc, const duk_uint8_t \*sp) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): an iteration of a counted loop. */\
typedef struct duk__re_rpt {\
	const duk_uint8_t *body; /* the atom, ending in RPT_END */\
	const duk_uint8_t *exit; /* the sequel */\
	const duk_uint8_t *sp; /* where this iteration began */\
	duk_uint32_t count, min, max;\
	duk_small_int_t greedy;\
	struct duk__re_rpt *outer; /* the counted loop this one is in */\
} duk__re_rpt;\
/* At RPT_START (start != 0; pc after the opcode) or RPT_END: the next\
 * iteration or the sequel, as RepeatMatcher chooses.  Returns where the\
 * match ends, NULL when it fails. */\
DUK_LOCAL const duk_uint8_t *duk__re_rpt_step(duk_re_matcher_ctx *re_ctx, duk_small_int_t start, const duk_uint8_t *pc, const duk_uint8_t *sp) {\
	duk__re_rpt n, *cur = (duk__re_rpt *) re_ctx->invoke_rpt;\
	const duk_uint8_t *res;\
	if (start) {\
		duk_int32_t skip;\
		n.min = duk__bc_get_u32(re_ctx, &pc);\
		n.max = duk__bc_get_u32(re_ctx, &pc);\
		n.greedy = duk__bc_get_u32(re_ctx, &pc) != 0;\
		skip = duk__bc_get_i32(re_ctx, &pc);\
		n.body = pc;\
		n.exit = pc + skip;\
		n.count = 0;\
		n.outer = cur;\
	} else {\
		if (cur == NULL) {\
			DUK_ERROR_INTERNAL(re_ctx->thr);\
			DUK_WO_NORETURN(return NULL;);\
		}\
		if (cur->count >= cur->min && sp == cur->sp)\
			return NULL;\
		n = *cur;\
		n.count++;\
	}\
	n.sp = sp;\
	if (n.count < n.max && (n.count < n.min || n.greedy)) {\
		re_ctx->invoke_rpt = &n;\
		res = duk__match_regexp(re_ctx, n.body, sp);\
		if (res == NULL && n.count >= n.min) {\
			re_ctx->invoke_rpt = n.outer;\
			res = duk__match_regexp(re_ctx, n.exit, sp);\
		}\
	} else {\
		re_ctx->invoke_rpt = n.outer;\
		res = duk__match_regexp(re_ctx, n.exit, sp);\
		if (res == NULL && n.count < n.max) {\
			re_ctx->invoke_rpt = &n;\
			res = duk__match_regexp(re_ctx, n.body, sp);\
		}\
	}\
	re_ctx->invoke_rpt = cur;\
	return res;\
}

/^		case DUK_REOP_WIPERANGE: {$/i\
		case DUK_REOP_INVOKE_RPT_START:\
		case DUK_REOP_INVOKE_RPT_END: { /* invoke-fcgi: a counted loop */\
			sp = duk__re_rpt_step(re_ctx, op == DUK_REOP_INVOKE_RPT_START, pc, sp);\
			if (sp == NULL) {\
				goto fail;\
			}\
			goto match;\
		}

# ---- issue 26: errors that read like Node's (begin) ----
# JSON.parse's syntax errors in V8's words ("Unexpected end of JSON
# input", "Expected property name or '}' in JSON at position 1"): V8 names
# the token and the position, which need the text, and the decoder is the
# one place that has it.  The runtime (src/runtime/errors.js) keeps a
# function under the Duktape object's hidden key "v8JsonError" that makes the
# SyntaxError from the text; without it (the front end's heap) Duktape's
# "invalid json (at offset N)" stays.
/^	DUK_ERROR_FMT1(js_ctx->thr, DUK_ERR_SYNTAX_ERROR, DUK_STR_FMT_INVALID_JSON, (long) (js_ctx->p - js_ctx->p_start));$/i\
	if (!js_ctx->flag_ext_custom && !js_ctx->flag_ext_compatible) { /* invoke-fcgi */\
		duk_push_hobject(js_ctx->thr, js_ctx->thr->builtins[DUK_BIDX_DUKTAPE]);\
		if (duk_get_prop_literal(js_ctx->thr, -1, "\\xff" "v8JsonError") && duk_is_function(js_ctx->thr, -1)) {\
			duk_push_lstring(js_ctx->thr, (const char *) js_ctx->p_start, (duk_size_t) (js_ctx->p_end - js_ctx->p_start));\
			duk_call(js_ctx->thr, 1);\
			duk_throw(js_ctx->thr);\
		}\
		duk_pop_2(js_ctx->thr);\
	}

# new Error(message, { cause }) (ES2022): the constructors take a second
# argument, and the cause becomes the error's own non-enumerable "cause",
# which util.inspect shows as [cause] and libraries read.
/^			\/\* XXX: set magic directly here? (it could share the c_nargs arg) \*\/$/i\
			if (c_func == duk_bi_error_constructor_shared) c_nargs = 2; /* invoke-fcgi: options.cause */

/^#if defined(DUK_USE_AUGMENT_ERROR_CREATE)$/{
N
/\n	if (!duk_is_constructor_call(thr)) {$/i\
	if (duk_is_object(thr, 1) && duk_has_prop_literal(thr, 1, "cause")) { /* invoke-fcgi: options.cause */\
		duk_push_literal(thr, "cause");\
		duk_get_prop_literal(thr, 1, "cause");\
		duk_def_prop(thr, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_CLEAR_ENUMERABLE);\
	}
}

# Function names of an object literal's accessors and methods as the
# specification gives them (SetFunctionName): "get x" / "set x" for an
# accessor (Duktape gave "x"), the key for a method whose key is a string
# or a number ({ 'a-b'() {} }, Duktape gave ""). V8 prints a frame by
# that name (at get x [as x], at a-b), and code reads fn.name.  Neither
# kind of function binds its own name, so the name can be any string; a
# reserved word is left out, as Duktape's strict-mode check of function
# names would refuse it.
/^		comp_ctx->curr_func.h_name = duk_known_hstring(thr, -1); \/\* borrowed reference \*\/$/i\
		if (comp_ctx->prev_token.t == DUK_TOK_IDENTIFIER) { /* invoke-fcgi: get x, set x */\
			duk_push_string(thr, comp_ctx->prev_token.str1 == DUK_HTHREAD_STRING_GET(thr) ? "get " : "set ");\
			duk_insert(thr, -2);\
			duk_concat(thr, 2);\
		}
/^		if (tok->t_nores == DUK_TOK_IDENTIFIER) {$/i\
		if ((flags & DUK__FUNC_FLAG_METDEF) && (tok->t == DUK_TOK_STRING || tok->t == DUK_TOK_NUMBER)) { /* invoke-fcgi: { 'a-b'() {} } */\
			duk_hstring *h_key;\
			if (tok->t == DUK_TOK_STRING) {\
				duk_push_hstring(thr, tok->str1);\
			} else {\
				duk_push_number(thr, tok->num);\
				duk_to_string(thr, -1);\
			}\
			h_key = duk_known_hstring(thr, -1);\
			if (!DUK_HSTRING_HAS_RESERVED_WORD(h_key) && !duk__hstring_is_eval_or_arguments(comp_ctx, h_key)) {\
				comp_ctx->curr_func.h_name = h_key; /* borrowed reference, kept in valstack */\
			}\
		} else
# ---- issue 26 (end) ----

# ---- issue 20: string building without the quadratic cliff (begin) ----
# Duktape interns every string, so `html += piece` made a new string and
# copied all of html each time: n appends cost O(n^2) bytes of copying
# (20,000 list items 2 s, 100,000 over the time limit).  A concatenation of
# two strings of 256 bytes or more now gets an allocation with room to grow
# (marked by a free hstring flag; capacity is a function of the length, so
# nothing is stored), and when the left operand is also the target register
# (`s += x`, `s = s + x` for a register-bound s) and that register is the
# string's only reference (refcount 1), the piece is appended in place: the
# string leaves the string table, grows (realloc only when its capacity is
# exceeded, by 25 % steps), gets its new hash, and goes back into the table,
# unless a string with the same content already exists, which then becomes
# the result (strings stay interned: equality stays pointer equality).
# Nothing else can see the change: the only reference is the register being
# overwritten, the string cache entry is dropped, and pinned literals have a
# second reference.  Raw allocation (no GC, no finalizers) keeps the string
# table untouched in between; when it fails, the ordinary path runs.
/^DUK_LOCAL DUK_EXEC_ALWAYS_INLINE_PERF void duk__vm_arith_add(duk_hthread \*thr,$/i\
/* invoke-fcgi (src/duk-fixes.sed): string + string in amortized O(piece). */\
#define DUK__INV_GROWABLE DUK_HEAPHDR_USER_FLAG(9)\
#define DUK__INV_MIN 256\
DUK_LOCAL duk_size_t duk__inv_cap(duk_size_t blen) {\
	duk_size_t need = blen + 1, p = 64, q;\
	while (p * 2 <= need)\
		p *= 2;\
	q = p / 4;\
	return (need + q - 1) / q * q;\
}\
DUK_LOCAL void duk__inv_link(duk_heap *heap, duk_hstring *h) {\
	duk_hstring **slot = heap->strtable + (DUK_HSTRING_GET_HASH(h) & heap->st_mask);\
	h->hdr.h_next = *slot;\
	*slot = h;\
#if (DUK_USE_STRTAB_MINSIZE != DUK_USE_STRTAB_MAXSIZE)\
	heap->st_count++; /* as duk_heap_strtable_unlink counts it down */\
#endif\
}\
DUK_LOCAL duk_hstring *duk__inv_find(duk_heap *heap, const duk_uint8_t *d, duk_uint32_t blen, duk_uint32_t hash) {\
	duk_hstring *h;\
	for (h = heap->strtable[hash & heap->st_mask]; h != NULL; h = h->hdr.h_next)\
		if (DUK_HSTRING_GET_HASH(h) == hash && DUK_HSTRING_GET_BYTELEN(h) == blen &&\
		    duk_memcmp((const void *) d, (const void *) DUK_HSTRING_GET_DATA(h), (size_t) blen) == 0)\
			return h;\
	return NULL;\
}\
/* Fields of a string of 256 bytes or more that does not begin a symbol:\
 * no array index, no reserved word; clen 0 is "not known yet" (lazy). */\
DUK_LOCAL void duk__inv_set(duk_hstring *h, duk_uint32_t blen, duk_uint32_t hash, duk_uint32_t clen, int ascii) {\
	DUK_HEAPHDR_CLEAR_FLAG_BITS(&h->hdr, DUK_HSTRING_FLAG_ASCII | DUK_HSTRING_FLAG_ARRIDX | DUK_HSTRING_FLAG_RESERVED_WORD |\
	                                     DUK_HSTRING_FLAG_STRICT_RESERVED_WORD | DUK_HSTRING_FLAG_EVAL_OR_ARGUMENTS);\
	DUK_HEAPHDR_SET_FLAG_BITS(&h->hdr, DUK__INV_GROWABLE);\
	if (ascii)\
		DUK_HSTRING_SET_ASCII(h);\
	DUK_HSTRING_SET_BYTELEN(h, blen);\
	DUK_HSTRING_SET_HASH(h, hash);\
	h->arridx = DUK_HSTRING_NO_ARRAY_INDEX;\
	h->clen = clen;\
}\
/* 1 when done (register idx_z holds x + y), 0 when the ordinary path must run. */\
DUK_LOCAL int duk__inv_add_strings(duk_hthread *thr, duk_tval *tv_x, duk_tval *tv_y, duk_small_uint_fast_t idx_z) {\
	duk_heap *heap = thr->heap;\
	duk_hstring *hx, *hy, *h, *other;\
	duk_uint32_t bx, by, n, hash, clen;\
	duk_uint8_t *d;\
	duk_tval *tv_z;\
	int ascii;\
\
	if (!DUK_TVAL_IS_STRING(tv_x) || !DUK_TVAL_IS_STRING(tv_y))\
		return 0;\
	hx = DUK_TVAL_GET_STRING(tv_x);\
	hy = DUK_TVAL_GET_STRING(tv_y);\
	if (DUK_HSTRING_HAS_SYMBOL(hx) || DUK_HSTRING_HAS_SYMBOL(hy))\
		return 0;\
	bx = DUK_HSTRING_GET_BYTELEN(hx);\
	by = DUK_HSTRING_GET_BYTELEN(hy);\
	if (bx == 0 || by == 0 || (duk_size_t) bx + by < DUK__INV_MIN || (duk_size_t) bx + by > DUK_HSTRING_MAX_BYTELEN)\
		return 0;\
	n = bx + by;\
	/* the char length adds up (it counts the non-continuation bytes) */\
	clen = hx->clen != 0 ? hx->clen + (duk_uint32_t) duk_hstring_get_charlen(hy) : 0;\
	ascii = clen != 0 && DUK_HSTRING_HAS_ASCII(hx) && DUK_HSTRING_HAS_ASCII(hy);\
	tv_z = thr->valstack_bottom + idx_z;\
	if (tv_x == tv_z && hx != hy && DUK_HEAPHDR_GET_REFCOUNT((duk_heaphdr *) hx) == 1 &&\
	    DUK_HEAPHDR_CHECK_FLAG_BITS(&hx->hdr, DUK__INV_GROWABLE)) {\
		duk_heap_strcache_string_remove(heap, hx);\
		duk_heap_strtable_unlink(heap, hx);\
		h = hx;\
		if (duk__inv_cap(n) != duk__inv_cap(bx)) {\
			h = (duk_hstring *) DUK_REALLOC_RAW(heap, hx, sizeof(duk_hstring) + duk__inv_cap(n));\
			if (h == NULL) {\
				duk__inv_link(heap, hx);\
				return 0;\
			}\
			DUK_TVAL_SET_STRING(tv_z, h); /* the same reference, moved */\
		}\
		d = (duk_uint8_t *) (h + 1);\
		duk_memcpy((void *) (d + bx), (const void *) DUK_HSTRING_GET_DATA(hy), (size_t) by);\
		d[n] = 0;\
		hash = duk_heap_hashstring(heap, d, (duk_size_t) n);\
		other = duk__inv_find(heap, d, n, hash);\
		if (other != NULL) {\
			DUK_TVAL_SET_STRING(tv_z, other);\
			DUK_HSTRING_INCREF(thr, other);\
			DUK_FREE_RAW(heap, h);\
			return 1;\
		}\
		duk__inv_set(h, n, hash, clen, ascii);\
		duk__inv_link(heap, h);\
		return 1;\
	}\
	h = (duk_hstring *) DUK_ALLOC_RAW(heap, sizeof(duk_hstring) + duk__inv_cap(n));\
	if (h == NULL)\
		return 0;\
	d = (duk_uint8_t *) (h + 1);\
	duk_memcpy((void *) d, (const void *) DUK_HSTRING_GET_DATA(hx), (size_t) bx);\
	duk_memcpy((void *) (d + bx), (const void *) DUK_HSTRING_GET_DATA(hy), (size_t) by);\
	d[n] = 0;\
	hash = duk_heap_hashstring(heap, d, (duk_size_t) n);\
	other = duk__inv_find(heap, d, n, hash);\
	if (other != NULL) {\
		DUK_FREE_RAW(heap, h);\
		h = other;\
	} else {\
		duk_memzero((void *) h, sizeof(duk_hstring));\
		DUK_HEAPHDR_SET_TYPE_AND_FLAGS(&h->hdr, DUK_HTYPE_STRING, 0);\
		duk__inv_set(h, n, hash, clen, ascii);\
		duk__inv_link(heap, h);\
	}\
	DUK_TVAL_SET_STRING_UPDREF(thr, tv_z, h); /* side effects */\
	return 1;\
}

/^	 \*  Slow path: potentially requires function calls for coercion$/i\
	 *  invoke-fcgi: two strings, see duk__inv_add_strings\
	 */\
	if (duk__inv_add_strings(thr, tv_x, tv_y, idx_z))\
		return;\
	/*
# `s += expr` where s is register-bound and expr emits code: the compiler
# loads s into a temp first (its value before expr runs is the one to add
# to), so at the ADD the string has two references (s and the temp) and
# would always be copied.  For such a statement the compiler now emits
# INV_APPEND (an unused opcode) instead of ADD: the same A = B + C, where
# B is known to be that temp, dead afterwards; when B and A still hold the
# same string and these are its only two references, the executor clears
# B and adds A + C, which appends in place (duk__inv_add_strings).
/^#define DUK_OP_UNUSED212         212$/a\
#define DUK_OP_INV_APPEND DUK_OP_UNUSED212 /* invoke-fcgi: A = B + C, B a dead temp holding A's old value */
/^						reg_src = reg_temp;$/,/res->x1.regconst);$/{
s/^\(					                \)args_op | DUK__EMIT_FLAG_BC_REGCONST,$/\1(args_op == DUK_OP_ADD \&\& reg_src == reg_temp \&\& reg_res == reg_varbind \&\& DUK__ISREG(res->x1.regconst) ? DUK_OP_INV_APPEND : args_op) | DUK__EMIT_FLAG_BC_REGCONST, \/* invoke-fcgi *\//
}
/^		case DUK_OP_UNUSED212:$/d
/^		case DUK_OP_UNUSED207:$/i\
		case DUK_OP_INV_APPEND: { /* invoke-fcgi: see DUK_OP_INV_APPEND */\
			duk_tval *tv_a = DUK__REGP_A(ins);\
			duk_tval *tv_b = DUK__REGP_B(ins);\
			if (tv_a != tv_b && DUK_TVAL_IS_STRING(tv_a) && DUK_TVAL_IS_STRING(tv_b) &&\
			    DUK_TVAL_GET_STRING(tv_a) == DUK_TVAL_GET_STRING(tv_b) &&\
			    DUK_HEAPHDR_GET_REFCOUNT((duk_heaphdr *) DUK_TVAL_GET_STRING(tv_b)) == 2) {\
				(void) DUK_HEAPHDR_PREDEC_REFCOUNT((duk_heaphdr *) DUK_TVAL_GET_STRING(tv_b)); /* 2 -> 1, no refzero */\
				DUK_TVAL_SET_UNDEFINED(tv_b);\
				duk__vm_arith_add(thr, tv_a, DUK__REGP_C(ins), DUK_DEC_A(ins));\
			} else {\
				duk__vm_arith_add(thr, tv_b, DUK__REGP_C(ins), DUK_DEC_A(ins));\
			}\
			break;\
		}
# `o.s += x`, `this.html += x`, `out[k] += x` and `s += x` on a variable
# of an enclosing function (or any not bound to a register): the value is
# read into a temp (GETPROP / GETVAR), added to, and written back (PUTPROP
# / PUTVAR), so at the ADD the string has two references, the temp and
# the property or variable, and was copied every time (100,000 appends to
# a property: 3.6 s).  The compiler now emits INV_APPEND_PROP /
# INV_APPEND_VAR instead of that ADD (4 opcodes each: the B/C reg/const
# variants).  The executor looks at the next instruction: when it is the
# PUTPROP / PUTVAR that writes this temp, and the place it writes is a
# plain own writable data property (an entry, or an index of the array
# part, of an object that is neither shared, a Proxy, an arguments object
# nor otherwise exotic but an array), or a variable of a declarative scope
# (open: a register of the enclosing call; closed: its writable property),
# and that place and the temp are the string's only two references, it
# takes the place's reference, appends in place (duk__inv_add_strings),
# stores the result there itself and skips the PUTPROP / PUTVAR, whose
# effect on such a place is exactly that store: no setter, no Proxy trap,
# no conversion, and no interrupt in between.  A scope chain with an object
# scope (with, the global object) before the binding takes the ordinary
# path, as a Proxy's `has` trap must not run twice.  Anything else is the
# ADD as before.
/^#define DUK_OP_UNUSED216         216$/a\
#define DUK_OP_INV_APPEND_PROP DUK_OP_UNUSED216 /* invoke-fcgi: A = B + C, then the PUTPROP after it that stores A */
/^#define DUK_OP_UNUSED220         220$/a\
#define DUK_OP_INV_APPEND_VAR DUK_OP_UNUSED220 /* invoke-fcgi: A = B + C, then the PUTVAR after it that stores A */
/^				duk__emit_a_b_c(comp_ctx, DUK_OP_GETPROP | DUK__EMIT_FLAG_BC_REGCONST, reg_temp, reg_obj, rc_key);$/,/^				rc_res = reg_temp;$/{
s/^\(				                \)args_op | DUK__EMIT_FLAG_BC_REGCONST,$/\1(args_op == DUK_OP_ADD ? DUK_OP_INV_APPEND_PROP : args_op) | DUK__EMIT_FLAG_BC_REGCONST, \/* invoke-fcgi *\//
}
/^					duk__emit_a_bc(comp_ctx, DUK_OP_GETVAR, reg_temp, rc_varname);$/,/^					res->x1.regconst = reg_temp;$/{
s/^\(					                \)args_op | DUK__EMIT_FLAG_BC_REGCONST,$/\1(args_op == DUK_OP_ADD ? DUK_OP_INV_APPEND_VAR : args_op) | DUK__EMIT_FLAG_BC_REGCONST, \/* invoke-fcgi *\//
}
/^		case DUK_OP_UNUSED21[6-9]:$/d
/^		case DUK_OP_UNUSED22[0-3]:$/d
/^DUK_LOCAL DUK_NOINLINE DUK_HOT void duk__js_execute_bytecode_inner(duk_hthread \*entry_thread, duk_activation \*entry_act) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): the place the PUTPROP `next` writes\
 * register a to, when it is a plain own writable data property; else NULL. */\
DUK_LOCAL duk_tval *duk__inv_prop_slot(duk_hthread *thr, duk_instr_t next, duk_tval *consts, duk_small_uint_fast_t a) {\
	duk_small_uint_fast_t op = (duk_small_uint_fast_t) DUK_DEC_OP(next);\
	duk_tval *tv_obj, *tv_key, *tv;\
	duk_hobject *obj;\
	duk_uint_t attrs;\
	duk_double_t d;\
\
	/* PUTPROP_RR or _CR: the value (C) is a register */\
	if ((op & ~0x01U) != DUK_OP_PUTPROP_RR || DUK_DEC_C(next) != a)\
		return NULL;\
	tv_obj = thr->valstack_bottom + DUK_DEC_A(next);\
	tv_key = ((op & 0x01U) ? consts : thr->valstack_bottom) + DUK_DEC_B(next);\
	if (!DUK_TVAL_IS_OBJECT(tv_obj))\
		return NULL;\
	obj = DUK_TVAL_GET_OBJECT(tv_obj);\
	if (DUK_HEAPHDR_HAS_READONLY(&obj->hdr) || (DUK_HOBJECT_HAS_EXOTIC_BEHAVIOR(obj) && !DUK_HOBJECT_IS_ARRAY(obj)))\
		return NULL; /* shared (the barrier records it), or a put that does more */\
	if (DUK_TVAL_IS_STRING(tv_key)) {\
		duk_hstring *key = DUK_TVAL_GET_STRING(tv_key);\
		if (DUK_HSTRING_HAS_ARRIDX(key) && DUK_HOBJECT_HAS_ARRAY_PART(obj))\
			return NULL;\
		tv = duk_hobject_find_entry_tval_ptr_and_attrs(thr->heap, obj, key, &attrs);\
		return tv != NULL && (attrs & DUK_PROPDESC_FLAG_WRITABLE) ? tv : NULL;\
	}\
	if (!DUK_TVAL_IS_NUMBER(tv_key) || !DUK_HOBJECT_HAS_ARRAY_PART(obj))\
		return NULL;\
	d = DUK_TVAL_GET_NUMBER(tv_key);\
	if (!(d >= 0.0 && d < 4294967295.0) || (duk_double_t) (duk_uint32_t) d != d)\
		return NULL;\
	/* the array part holds only writable, enumerable, configurable data */\
	tv = duk_hobject_find_array_entry_tval_ptr(thr->heap, obj, (duk_uarridx_t) d);\
	return tv != NULL && !DUK_TVAL_IS_UNUSED(tv) ? tv : NULL;\
}\
/* invoke-fcgi (src/duk-fixes.sed): the place the PUTVAR `next` writes\
 * register a to, when it is a variable of a declarative scope found before\
 * any object scope (as duk__get_identifier_reference finds it); else NULL. */\
DUK_LOCAL duk_tval *duk__inv_var_slot(duk_hthread *thr, duk_instr_t next, duk_tval *consts, duk_small_uint_fast_t a) {\
	duk_activation *act = thr->callstack_curr;\
	duk_hobject *env, *func;\
	duk_hstring *name;\
	duk_tval *tv;\
	duk_uint_t attrs;\
	duk_uint_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;\
\
	if (DUK_DEC_OP(next) != DUK_OP_PUTVAR || DUK_DEC_A(next) != a || act == NULL)\
		return NULL;\
	name = DUK_TVAL_GET_STRING(consts + DUK_DEC_BC(next));\
	env = act->lex_env;\
	if (env == NULL) {\
		/* the call's own registers, then the function's outer scope */\
		func = DUK_ACT_GET_FUNC(act);\
		if (func == NULL || !DUK_HOBJECT_IS_COMPFUNC(func))\
			return NULL;\
		tv = duk_hobject_get_varmap(thr, func) != NULL ? duk_hobject_find_entry_tval_ptr(thr->heap, duk_hobject_get_varmap(thr, func), name) : NULL;\
		if (tv != NULL)\
			return (duk_tval *) (void *) ((duk_uint8_t *) thr->valstack + act->bottom_byteoff) + (duk_size_t) DUK_TVAL_GET_NUMBER(tv);\
		env = DUK_HCOMPFUNC_GET_LEXENV(thr->heap, (duk_hcompfunc *) func);\
	}\
	for (; env != NULL && sanity-- > 0; env = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, env)) {\
		duk_hdecenv *de = (duk_hdecenv *) env;\
		if (DUK_HOBJECT_GET_CLASS_NUMBER(env) != DUK_HOBJECT_CLASS_DECENV || DUK_HEAPHDR_HAS_READONLY(&env->hdr))\
			return NULL;\
		if (de->thread != NULL) {\
			tv = duk_hobject_find_entry_tval_ptr(thr->heap, de->varmap, name);\
			if (tv != NULL)\
				return (duk_tval *) (void *) ((duk_uint8_t *) de->thread->valstack + de->regbase_byteoff) + (duk_size_t) DUK_TVAL_GET_NUMBER(tv);\
		}\
		tv = duk_hobject_find_entry_tval_ptr_and_attrs(thr->heap, env, name, &attrs);\
		if (tv != NULL)\
			return (attrs & DUK_PROPDESC_FLAG_WRITABLE) ? tv : NULL;\
	}\
	return NULL;\
}\
/* invoke-fcgi (src/duk-fixes.sed): A = A + C where `slot` (when not NULL)\
 * is the place the next instruction stores A to; 1 when the append was\
 * made in place and stored there (the caller skips that instruction). */\
DUK_LOCAL int duk__inv_append_slot(duk_hthread *thr, duk_tval *slot, duk_small_uint_fast_t a, duk_tval *tv_c) {\
	duk_tval *tv_a = thr->valstack_bottom + a;\
	duk_hstring *h;\
\
	if (slot == NULL || !DUK_TVAL_IS_STRING(tv_a) || !DUK_TVAL_IS_STRING(slot) || !DUK_TVAL_IS_STRING(tv_c))\
		return 0;\
	h = DUK_TVAL_GET_STRING(tv_a);\
	if (DUK_TVAL_GET_STRING(slot) != h || DUK_TVAL_GET_STRING(tv_c) == h ||\
	    DUK_HEAPHDR_GET_REFCOUNT((duk_heaphdr *) h) != 2 || !DUK_HEAPHDR_CHECK_FLAG_BITS(&h->hdr, DUK__INV_GROWABLE))\
		return 0;\
	/* the place's reference is the register's for the while: 2 -> 1, no refzero */\
	(void) DUK_HEAPHDR_PREDEC_REFCOUNT((duk_heaphdr *) h);\
	DUK_TVAL_SET_UNDEFINED(slot);\
	if (!duk__inv_add_strings(thr, tv_a, tv_c, a)) {\
		DUK_TVAL_SET_STRING(slot, h); /* as it was */\
		DUK_HSTRING_INCREF(thr, h);\
		return 0;\
	}\
	DUK_TVAL_SET_TVAL(slot, tv_a);\
	DUK_TVAL_INCREF(thr, slot);\
	return 1;\
}
/^		case DUK_OP_UNUSED207:$/i\
		case DUK_OP_INV_APPEND_PROP: /* invoke-fcgi: see DUK_OP_INV_APPEND_PROP */\
		case DUK_OP_INV_APPEND_PROP + 1:\
		case DUK_OP_INV_APPEND_PROP + 2:\
		case DUK_OP_INV_APPEND_PROP + 3:\
			if ((ins & DUK__RCBIT_B) == 0 && DUK_DEC_B(ins) == DUK_DEC_A(ins) &&\
			    duk__inv_append_slot(thr, duk__inv_prop_slot(thr, *curr_pc, consts, DUK_DEC_A(ins)), DUK_DEC_A(ins), DUK__REGCONSTP_C(ins))) {\
				curr_pc++; /* the PUTPROP: done */\
				break;\
			}\
			duk__vm_arith_add(thr, DUK__REGCONSTP_B(ins), DUK__REGCONSTP_C(ins), DUK_DEC_A(ins));\
			break;\
		case DUK_OP_INV_APPEND_VAR: /* invoke-fcgi: see DUK_OP_INV_APPEND_VAR */\
		case DUK_OP_INV_APPEND_VAR + 1:\
		case DUK_OP_INV_APPEND_VAR + 2:\
		case DUK_OP_INV_APPEND_VAR + 3:\
			if ((ins & DUK__RCBIT_B) == 0 && DUK_DEC_B(ins) == DUK_DEC_A(ins) &&\
			    duk__inv_append_slot(thr, duk__inv_var_slot(thr, *curr_pc, consts, DUK_DEC_A(ins)), DUK_DEC_A(ins), DUK__REGCONSTP_C(ins))) {\
				curr_pc++; /* the PUTVAR: done */\
				break;\
			}\
			duk__vm_arith_add(thr, DUK__REGCONSTP_B(ins), DUK__REGCONSTP_C(ins), DUK_DEC_A(ins));\
			break;
# ---- issue 20 (end) ----

# A built-in method is no constructor and has no prototype property (`new
# Array.prototype.flat()` throws); the runtime writes its methods as
# function expressions, which Duktape makes constructors, so it turns
# them into methods once made (sys.method, js_sys.c; stdlib.js's def).
$a\
\
/* invoke-fcgi (src/duk-fixes.sed): the function at idx becomes a method:\
 * not constructable, no prototype property. */\
DUK_EXTERNAL void invoke_duk_method(duk_context *ctx, duk_idx_t idx) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_hobject *h = duk_require_hobject(ctx, idx);\
	if (!DUK_HOBJECT_IS_CALLABLE(h))\
		return;\
	DUK_HOBJECT_CLEAR_CONSTRUCTABLE(h);\
	(void) duk_hobject_delprop_raw(thr, h, DUK_HTHREAD_STRING_PROTOTYPE(thr), DUK_DELPROP_FLAG_FORCE);\
}

# ---- issue 26: errors that read like Node's ----
# An error records as many frames as Error.stackTraceLimit asks for
# (V8's setting; js_sys.c's tracebackDepth sets it when stdlib.js's
# setter runs) instead of Duktape's fixed 10: `Error.stackTraceLimit = 50`
# shows 50 frames, as in node.  Ten more than the limit, as the frames of
# the engine and the runtime (new Error itself) are recorded and left out
# of .stack: the default 10 is 20.
/^DUK_LOCAL void duk__add_traceback(duk_hthread \*thr,$/i\
/* invoke-fcgi (src/duk-fixes.sed): the frames an error records (js_sys.c) */\
DUK_EXTERNAL duk_int_t invoke_duk_traceback_depth = DUK_USE_TRACEBACK_DEPTH + 10;
s/^	depth = DUK_USE_TRACEBACK_DEPTH;$/	depth = invoke_duk_traceback_depth; \/* invoke-fcgi *\//
# An error made in an async function's first step (run by its caller's
# thread, front-rt.js) has its callers' frames in the thread that resumed
# it, which V8 shows as the stack goes on: errors.js asks for that thread
# (sys.threadResumer, js_sys.c), and reads its frames as the public API
# allows.  The resumer is Duktape's own field, not otherwise exposed.
$a\
\
/* invoke-fcgi (src/duk-fixes.sed): pushes the thread that resumed the\
 * thread at idx (while it runs), or undefined. */\
DUK_EXTERNAL void invoke_duk_push_resumer(duk_context *ctx, duk_idx_t idx) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_hthread *t = duk_get_hthread(thr, idx);\
	if (t != NULL && t->resumer != NULL)\
		duk_push_hobject(thr, (duk_hobject *) t->resumer);\
	else\
		duk_push_undefined(thr);\
}
# errors.js reads an error's frames from its traceback (_Tracedata, pairs
# of function and pc with flags) as data, not by parsing the text
# Duktape's own .stack makes of it: that text was a third of the cost of
# reading .stack.  Lines need Duktape's pc2line, internal.
$a\
\
/* invoke-fcgi (src/duk-fixes.sed): pushes the frames of the error at idx's\
 * traceback, [fn, line, flags, ...] (flags: 1 called as a constructor, 2\
 * native), functions only (no C source positions); [] without one. */\
DUK_EXTERNAL void invoke_duk_push_trace(duk_context *ctx, duk_idx_t idx) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_uarridx_t i, n, k = 0;\
	duk_idx_t arr;\
	idx = duk_require_normalize_index(thr, idx);\
	arr = duk_push_array(thr);\
	if (!duk_is_object(thr, idx))\
		return;\
	duk_xget_owndataprop_stridx_short(thr, idx, DUK_STRIDX_INT_TRACEDATA);\
	if (!duk_is_object(thr, -1)) {\
		duk_pop(thr);\
		return;\
	}\
	n = (duk_uarridx_t) duk_get_length(thr, -1);\
	for (i = 0; i + 1 < n; i += 2) {\
		duk_double_t d;\
		duk_uint_t pc, flags, out = 0;\
		duk_hobject *h;\
		duk_require_stack(thr, 4);\
		duk_get_prop_index(thr, -1, i);\
		h = duk_get_hobject(thr, -1);\
		if (h == NULL || !DUK_HOBJECT_IS_CALLABLE(h)) {\
			duk_pop(thr);\
			continue;\
		}\
		duk_get_prop_index(thr, -2, i + 1);\
		d = duk_to_number_m1(thr);\
		duk_pop(thr);\
		pc = (duk_uint_t) duk_double_to_int_t(DUK_FMOD(d, DUK_DOUBLE_2TO32));\
		flags = duk_double_to_uint_t(DUK_FLOOR(d / DUK_DOUBLE_2TO32));\
		if (flags & DUK_ACT_FLAG_CONSTRUCT)\
			out |= 1;\
		if (DUK_HOBJECT_IS_NATFUNC(h))\
			out |= 2;\
		duk_dup_top(thr);\
		duk_put_prop_index(thr, arr, k++);\
		duk_push_uint(thr, (duk_uint_t) duk_hobject_pc2line_query(thr, -1, (duk_uint_fast32_t) pc));\
		duk_put_prop_index(thr, arr, k++);\
		duk_pop(thr);\
		duk_push_uint(thr, out);\
		duk_put_prop_index(thr, arr, k++);\
	}\
	duk_pop(thr);\
}
# ---- issue 26 (end) ----

# A request's global object inherits from the shared, frozen one
# (harden.js), whose names (Object, fetch, Buffer...) are read-only there:
# without this, `globalThis.fetch = f` or `Object = f` failed as an
# inherited read-only property's assignment does.  The request's global is
# its own and dropped after it, so such a write makes the name the
# request's own property, as if it were writable, and no other request
# sees it.  undefined, NaN and Infinity stay read-only as the
# specification has them.
/^				                   "inherited property is not writable"));$/a\
				if (orig == thr->builtins[DUK_BIDX_GLOBAL] && curr == DUK_HOBJECT_GET_PROTOTYPE(thr->heap, orig) &&\
				    key != DUK_HTHREAD_STRING_LC_UNDEFINED(thr) && key != DUK_HTHREAD_STRING_NAN(thr) &&\
				    key != DUK_HTHREAD_STRING_INFINITY(thr))\
					goto create_new; /* invoke-fcgi: a request's global shadows the shared one */

# A bound function is a constructor only when its target is one
# (BoundFunctionCreate): Duktape marked every bound function
# constructable, so Proxy and Reflect.construct, and stdlib.js's
# isConstructor through them, took Math.cos.bind(Math) for one.
/^		bound_proto = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, h_target);$/{
n
a\
		if (!DUK_HOBJECT_HAS_CONSTRUCTABLE(h_target))\
			DUK_HOBJECT_CLEAR_CONSTRUCTABLE((duk_hobject *) h_bound); /* invoke-fcgi: as its target */
}

# ---- issue 20: numbers to and from decimal text (begin) ----
# Duktape converts between decimal text and doubles with Dragon4 on its own
# bignums, for every number: JSON.parse of a 200 KB body of prices spent a
# third of its time there (bench/RESULTS-compute.md), and Dragon4 is wrong
# on some (JSON.parse of "1e23" gave 1.0000000000000001e+23, of
# "9007199254740993" ...994; number literals in code still go through it).  Here the C library does it: its
# printf and strtod round correctly, and they are given text without a
# decimal point (digits, then e and the exponent), so the locale does not
# matter.  For up to 15 significant digits and an exponent of at most 22,
# one IEEE multiplication or division of two exact doubles (m and 10^e) is
# already correctly rounded (Clinger's fast path) and strtod is not needed.
# JSON.parse takes this for a number of strict JSON syntax and up to 800
# significant digits (a midpoint between two doubles has at most 767); any other text goes on to Dragon4 as before.
# Number to string (String(x), JSON.stringify, `${x}`: radix 10, the
# shortest form): "%.14e" is x correctly rounded to 15 digits; a double
# that has a representation of 15 digits or fewer has that one back (15
# digits survive any round trip through a double), so when those digits,
# trailing zeros stripped, give x back they are the shortest.  Else 16
# digits, else 17 (which always give x back): correctly rounded, so the
# closest of their length, as ECMAScript wants.  A power of two (the one
# case where the closest 16 digits may miss while others hit) and a
# subnormal go to Dragon4 as before.  ECMAScript's layout is applied to the
# digits.  t/98-numbers.t compares both ways with node.
/^DUK_LOCAL void duk__json_dec_number(duk_json_dec_ctx \*js_ctx) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): decimals by the C library, not Dragon4. */\
DUK_LOCAL const double duk__inv_pow10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,\
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };\
/* The nd significant digits dig (nd <= 800) times 10^e, correctly rounded. */\
DUK_LOCAL double duk__inv_decimal(const char *dig, duk_int_t nd, duk_int_t e) {\
	char buf[832];\
	duk_uint64_t m = 0;\
	duk_int_t i;\
	if (nd <= 15 && e >= -22 && e <= 22) {\
		for (i = 0; i < nd; i++)\
			m = m * 10 + (duk_uint64_t) (dig[i] - '0');\
		return e < 0 ? (double) m / duk__inv_pow10[-e] : (double) m * duk__inv_pow10[e];\
	}\
	DUK_MEMCPY(buf, dig, (size_t) nd);\
	DUK_SNPRINTF(buf + nd, sizeof(buf) - (size_t) nd, "e%ld", (long) e);\
	buf[sizeof(buf) - 1] = '\\0';\
	return strtod(buf, NULL);\
}\
/* [p, end) a JSON number (strict syntax) of at most 800 significant digits:\
 * pushes its value and returns 1; else 0. */\
DUK_LOCAL int duk__inv_json_number(duk_hthread *thr, const duk_uint8_t *p, const duk_uint8_t *end) {\
	char dig[800];\
	duk_int_t nd = 0, e = 0, x = 0, neg = 0, xneg = 0, frac = 0;\
	double d;\
	if (p < end && *p == '-') { neg = 1; p++; }\
	if (p == end || *p < '0' || *p > '9')\
		return 0;\
	if (*p == '0' && p + 1 < end && p[1] >= '0' && p[1] <= '9')\
		return 0; /* a leading zero: JSON.parse's own error */\
	for (;; p++) {\
		if (p < end && *p == '.' && !frac) {\
			frac = 1;\
			if (p + 1 == end || p[1] < '0' || p[1] > '9')\
				return 0;\
			continue;\
		}\
		if (p == end || *p < '0' || *p > '9')\
			break;\
		if (frac)\
			e--;\
		if (nd == 0 && *p == '0')\
			continue;\
		if (nd == 800)\
			return 0;\
		dig[nd++] = (char) *p;\
	}\
	if (p < end && (*p == 'e' || *p == 'E')) {\
		p++;\
		if (p < end && (*p == '+' || *p == '-'))\
			xneg = *p++ == '-';\
		if (p == end || *p < '0' || *p > '9')\
			return 0;\
		for (; p < end && *p >= '0' && *p <= '9'; p++)\
			if (x < 100000)\
				x = x * 10 + (*p - '0');\
		e += xneg ? -x : x;\
	}\
	if (p != end)\
		return 0;\
	d = nd == 0 ? 0.0 : duk__inv_decimal(dig, nd, e);\
	duk_push_number(thr, neg ? -d : d);\
	return 1;\
}\
/* x (positive, normal) in ECMAScript's Number::toString form: pushes it\
 * and returns 1; 0 for the cases left to Dragon4. */\
DUK_LOCAL int duk__inv_shortest(duk_hthread *thr, double x, int neg) {\
	char buf[48], dig[20], out[48];\
	const char *s;\
	duk_int_t k, prec, n, i, ex, xneg, len = 0, pow2;\
	int fe;\
	pow2 = frexp(x, &fe) == 0.5;\
	for (prec = 15;; prec++) {\
		if (prec > 17 || (prec > 15 && pow2))\
			return 0;\
		DUK_SNPRINTF(buf, sizeof(buf), "%.*e", (int) (prec - 1), x);\
		buf[sizeof(buf) - 1] = '\\0';\
		for (k = 0, s = buf; *s != 'e' && *s != '\\0'; s++) /* the point is the locale's */\
			if (*s >= '0' && *s <= '9' && k < 20)\
				dig[k++] = *s;\
		if (*s != 'e' || k != prec)\
			return 0;\
		s++;\
		xneg = 0;\
		if (*s == '+' || *s == '-')\
			xneg = *s++ == '-';\
		for (ex = 0; *s >= '0' && *s <= '9'; s++)\
			ex = ex * 10 + (*s - '0');\
		if (xneg)\
			ex = -ex;\
		while (k > 1 && dig[k - 1] == '0')\
			k--;\
		if (duk__inv_decimal(dig, k, ex - k + 1) == x)\
			break;\
	}\
	n = ex + 1; /* x = 0.d1d2...dk * 10^n */\
	if (neg)\
		out[len++] = '-';\
	if (k <= n && n <= 21) {\
		for (i = 0; i < k; i++) out[len++] = dig[i];\
		for (i = k; i < n; i++) out[len++] = '0';\
	} else if (0 < n && n <= 21) {\
		for (i = 0; i < n; i++) out[len++] = dig[i];\
		out[len++] = '.';\
		for (i = n; i < k; i++) out[len++] = dig[i];\
	} else if (-6 < n && n <= 0) {\
		out[len++] = '0';\
		out[len++] = '.';\
		for (i = n; i < 0; i++) out[len++] = '0';\
		for (i = 0; i < k; i++) out[len++] = dig[i];\
	} else {\
		out[len++] = dig[0];\
		if (k > 1) {\
			out[len++] = '.';\
			for (i = 1; i < k; i++) out[len++] = dig[i];\
		}\
		len += DUK_SNPRINTF(out + len, sizeof(out) - (size_t) len, "e%c%ld", n - 1 < 0 ? '-' : '+', (long) (n - 1 < 0 ? 1 - n : n - 1));\
	}\
	duk_push_lstring(thr, out, (duk_size_t) len);\
	return 1;\
}
/^	duk_push_lstring(thr, (const char \*) p_start, (duk_size_t) (p - p_start));$/i\
	if (duk__inv_json_number(thr, p_start, p)) /* invoke-fcgi: see duk__inv_json_number */\
		return;
/^	 \*  Dragon4 setup\.$/i\
	 *  invoke-fcgi: the shortest form by the C library, see duk__inv_shortest\
	 */\
	if (radix == 10 && digits == 0 && flags == 0 && c == DUK_FP_NORMAL && duk__inv_shortest(thr, x, neg))\
		return;\
\
	/*
# toFixed: Dragon4 took 1.9 us a call (node 0.19), a thousand calls a
# compute request.  printf's "%.*f" is the exact value correctly rounded
# to f digits, which is toFixed's n except on an exact tie (the value's
# x * 10^f ends in .5 exactly), where printf rounds to even and ECMAScript
# takes the larger n.  With |x| = m * 2^e (m the 53-bit significand),
# x * 10^f = m * 5^f / 2^-(e+f), whose fraction is 1/2 exactly when m has
# -(e+f)-1 trailing zero bits (5^f is odd); such a tie is printed with
# one digit more (exactly, ending in 5), which is dropped and the rest
# rounded up.  The sign is put as ECMAScript puts it (x < 0, so -0 has
# none).  t/98-numbers.t compares with node.
/^DUK_INTERNAL duk_ret_t duk_bi_number_prototype_to_fixed(duk_hthread \*thr) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): toFixed by printf; 0 when not done. */\
DUK_LOCAL int duk__inv_to_fixed(duk_hthread *thr, duk_double_t d, duk_small_int_t f) {\
	char buf[72];\
	double a = d < 0 ? -d : d + 0.0; /* -0 too: +0 */\
	int ex, j, n, tie = 0, i;\
	duk_uint64_t m;\
\
	if (a != 0.0) {\
		m = (duk_uint64_t) ldexp(frexp(a, &ex), 53); /* a = m * 2^(ex - 53), exactly */\
		j = 53 - ex - f;\
		tie = j >= 1 && j <= 64 && (m & ((((duk_uint64_t) 1) << (j - 1)) * 2 - 1)) == ((duk_uint64_t) 1) << (j - 1);\
	}\
	buf[0] = '-';\
	n = DUK_SNPRINTF(buf + 1, sizeof(buf) - 1, "%.*f", (int) (f + tie), a);\
	if (n <= 0 || n >= (int) sizeof(buf) - 2)\
		return 0;\
	n++;\
	if (tie) {\
		if (buf[n - 1] != '5')\
			return 0;\
		buf[--n] = '\\0';\
		if (buf[n - 1] == '.')\
			buf[--n] = '\\0';\
		for (i = n - 1; i >= 1; i--) {\
			if (buf[i] == '.')\
				continue;\
			if (buf[i] != '9') {\
				buf[i]++;\
				break;\
			}\
			buf[i] = '0';\
		}\
		if (i == 0) { /* all nines: one digit more */\
			duk_memmove((void *) (buf + 2), (const void *) (buf + 1), (size_t) n);\
			buf[1] = '1';\
		}\
	}\
	duk_push_string(thr, d < 0 ? buf : buf + 1);\
	return 1;\
}
/^	n2s_flags = DUK_N2S_FLAG_FIXED_FORMAT | DUK_N2S_FLAG_FRACTION_DIGITS;$/i\
	if (duk__inv_to_fixed(thr, d, frac_digits)) /* invoke-fcgi */\
		return 1;
# ---- issue 20: numbers (end) ----

# ---- issue 19: a write barrier over the shared built-ins (begin) ----
# Every request sees the built-ins (and the runtime's objects reachable from
# the shared global) as the runtime left them, and may still change them
# within the request as the specification allows (test262's verifyProperty
# writes and deletes them): the engine marks each of those objects shared
# (src/engine/extend.c), and the first change a request makes to a shared
# object records it as it was (invoke_duk_record: its property block copied,
# its flags, prototype and an array's length); before the next request,
# invoke_duk_restore_shared puts every recorded object back.  The mark is
# Duktape's read-only heap flag, which only ROM objects use (not built
# here): Duktape already tests it where a ROM object would change (a put, a
# delete, defineProperty, seal/freeze; the array methods' fast paths refuse
# it), and those tests now record instead of refusing; the paths a ROM
# object never reaches because it is not extensible (the internal define,
# preventExtensions, a new prototype) test it too.  A put tests it once per
# object put (a flag already loaded); an object not shared costs nothing
# more anywhere else.
/^#define DUK_HEAPHDR_HAS_READONLY(h)   DUK_HEAPHDR_CHECK_FLAG_BITS((h), DUK_HEAPHDR_FLAG_READONLY)$/a\
/* invoke-fcgi (src/duk-fixes.sed): the write barrier (shared objects) */\
DUK_INTERNAL_DECL void invoke_duk_record(duk_hthread *thr, duk_hobject *h);\
#define INVOKE_DUK_BARRIER(thr, h) \\\
	do { \\\
		if (DUK_UNLIKELY(DUK_HEAPHDR_HAS_READONLY((duk_heaphdr *) (h)))) \\\
			invoke_duk_record((thr), (h)); \\\
	} while (0)
/^struct duk_heap {$/i\
/* invoke-fcgi (src/duk-fixes.sed): a shared object as it was before the\
 * request changed it */\
typedef struct invoke_duk_rec {\
	duk_hobject *obj;\
	duk_hobject *proto;\
	duk_uint8_t *props;\
	duk_uint32_t e_size, e_next, a_size, h_size;\
	duk_uint32_t flags;\
	duk_uint32_t length;\
	duk_bool_t length_nonwritable;\
} invoke_duk_rec;\
DUK_LOCAL_DECL void invoke_duk__free_records(duk_heap *heap);\
DUK_LOCAL_DECL void invoke_duk__mark_records(duk_heap *heap);\

/^struct duk_heap {$/a\
	invoke_duk_rec *invoke_rec; /* invoke-fcgi: the changed shared objects */\
	duk_size_t invoke_nrec, invoke_caprec;
/^	DUK_D(DUK_DPRINT("free heap: %p", (void \*) heap));$/a\
	invoke_duk__free_records(heap); /* invoke-fcgi */
/^	duk__mark_tval(heap, &heap->lj.value2);$/a\
	invoke_duk__mark_records(heap); /* invoke-fcgi */
/^		\/\* XXX: array .length? \*\/$/a\
		INVOKE_DUK_BARRIER(thr, orig); /* invoke-fcgi */
/^			orig = h_target; \/\* resume write to target \*\/$/a\
			INVOKE_DUK_BARRIER(thr, orig); /* invoke-fcgi */
/^	if ((desc.flags & DUK_PROPDESC_FLAG_CONFIGURABLE) == 0 && !force_flag) {$/i\
	INVOKE_DUK_BARRIER(thr, obj); /* invoke-fcgi */
/^DUK_INTERNAL void duk_hobject_define_property_internal(duk_hthread \*thr,$/,/^}$/s/^	DUK_ASSERT(!DUK_HEAPHDR_HAS_READONLY((duk_heaphdr \*) obj));$/	INVOKE_DUK_BARRIER(thr, obj); \/* invoke-fcgi *\//
/^DUK_INTERNAL void duk_hobject_define_property_internal_arridx(duk_hthread \*thr,$/,/^}$/s/^	DUK_ASSERT(!DUK_HEAPHDR_HAS_READONLY((duk_heaphdr \*) obj));$/	INVOKE_DUK_BARRIER(thr, obj); \/* invoke-fcgi *\//
/^	\/\* All the flags fit in 16 bits, so will fit into duk_bool_t. \*\/$/i\
	INVOKE_DUK_BARRIER(thr, obj); /* invoke-fcgi */
/^DUK_INTERNAL void duk_hobject_object_seal_freeze_helper(duk_hthread \*thr, duk_hobject \*obj, duk_bool_t is_freeze) {$/,/^}$/s/^	DUK_ASSERT_VALSTACK_SPACE(thr, DUK__VALSTACK_SPACE);$/&\
	INVOKE_DUK_BARRIER(thr, obj); \/* invoke-fcgi *\//
s/^	DUK_HOBJECT_CLEAR_EXTENSIBLE(h);$/	INVOKE_DUK_BARRIER(thr, h); \/* invoke-fcgi *\/\
&/
/^DUK_INTERNAL void duk_hobject_set_prototype_updref(duk_hthread \*thr, duk_hobject \*h, duk_hobject \*p) {$/,/^}$/s/^	DUK_ASSERT(h);$/&\
	INVOKE_DUK_BARRIER(thr, h); \/* invoke-fcgi *\//
$a\
/* invoke-fcgi (src/duk-fixes.sed): the write barrier over the objects the\
 * requests share (see INVOKE_DUK_BARRIER).  The first change a request\
 * makes to a shared object records it as it was: a copy of its property\
 * block (keys, values, attributes, array part, hash part), its object flags\
 * (extensible), its prototype and an array's length; the copy holds a\
 * reference to everything it names (counted here, marked by\
 * duk__mark_roots_heap), so a deleted method stays alive to be put back.\
 * Raw allocation: no collection (which could compact the object) runs in\
 * between, and no finalizer. */\
DUK_INTERNAL void invoke_duk_record(duk_hthread *thr, duk_hobject *h) {\
	duk_heap *heap = thr->heap;\
	invoke_duk_rec *r;\
	duk_uint32_t i, e_next, a_size;\
	duk_size_t size;\
	duk_uint8_t *copy;\
\
	if (heap->invoke_nrec == heap->invoke_caprec) {\
		duk_size_t cap = heap->invoke_caprec ? heap->invoke_caprec * 2 : 16;\
		invoke_duk_rec *grown = (invoke_duk_rec *) DUK_REALLOC_RAW(heap, heap->invoke_rec, cap * sizeof(*grown));\
		if (grown == NULL) {\
			DUK_ERROR_ALLOC_FAILED(thr);\
			DUK_WO_NORETURN(return;);\
		}\
		heap->invoke_rec = grown;\
		heap->invoke_caprec = cap;\
	}\
	size = DUK_HOBJECT_P_COMPUTE_SIZE(DUK_HOBJECT_GET_ESIZE(h), DUK_HOBJECT_GET_ASIZE(h), DUK_HOBJECT_GET_HSIZE(h));\
	copy = NULL;\
	if (size > 0) {\
		copy = (duk_uint8_t *) DUK_ALLOC_RAW(heap, size);\
		if (copy == NULL) {\
			DUK_ERROR_ALLOC_FAILED(thr);\
			DUK_WO_NORETURN(return;);\
		}\
		duk_memcpy((void *) copy, (const void *) DUK_HOBJECT_GET_PROPS(heap, h), size);\
	}\
	r = &heap->invoke_rec[heap->invoke_nrec++];\
	r->obj = h;\
	r->props = copy;\
	r->e_size = DUK_HOBJECT_GET_ESIZE(h);\
	r->e_next = e_next = DUK_HOBJECT_GET_ENEXT(h);\
	r->a_size = a_size = DUK_HOBJECT_GET_ASIZE(h);\
	r->h_size = DUK_HOBJECT_GET_HSIZE(h);\
	r->flags = DUK_HEAPHDR_GET_FLAGS_RAW(&h->hdr);\
	r->proto = DUK_HOBJECT_GET_PROTOTYPE(heap, h);\
	r->length = 0;\
	r->length_nonwritable = 0;\
	if (DUK_HOBJECT_IS_ARRAY(h)) {\
		r->length = ((duk_harray *) h)->length;\
		r->length_nonwritable = ((duk_harray *) h)->length_nonwritable;\
	}\
	/* the references the copy holds (the entries live in h as well now) */\
	DUK_HEAPHDR_INCREF(thr, (duk_heaphdr *) h);\
	DUK_HOBJECT_INCREF_ALLOWNULL(thr, r->proto);\
	for (i = 0; i < e_next; i++) {\
		duk_hstring *key = DUK_HOBJECT_E_GET_KEY(heap, h, i);\
		if (key == NULL)\
			continue;\
		DUK_HEAPHDR_INCREF(thr, (duk_heaphdr *) key);\
		if (DUK_HOBJECT_E_SLOT_IS_ACCESSOR(heap, h, i)) {\
			DUK_HOBJECT_INCREF_ALLOWNULL(thr, DUK_HOBJECT_E_GET_VALUE_GETTER(heap, h, i));\
			DUK_HOBJECT_INCREF_ALLOWNULL(thr, DUK_HOBJECT_E_GET_VALUE_SETTER(heap, h, i));\
		} else {\
			DUK_TVAL_INCREF(thr, DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(heap, h, i));\
		}\
	}\
	for (i = 0; i < a_size; i++)\
		DUK_TVAL_INCREF(thr, DUK_HOBJECT_A_GET_VALUE_PTR(heap, h, i));\
	/* later changes in this request cost nothing more */\
	DUK_HEAPHDR_CLEAR_READONLY(&h->hdr);\
}\
\
/* The references of an object's property block, dropped (NORZ: the caller\
 * runs the refzero check once at the end). */\
DUK_LOCAL void invoke_duk__release_props(duk_hthread *thr, duk_hobject *h) {\
	duk_heap *heap = thr->heap;\
	duk_uint32_t i;\
\
	for (i = 0; i < DUK_HOBJECT_GET_ENEXT(h); i++) {\
		duk_hstring *key = DUK_HOBJECT_E_GET_KEY(heap, h, i);\
		if (key == NULL)\
			continue;\
		DUK_HSTRING_DECREF_NORZ(thr, key);\
		if (DUK_HOBJECT_E_SLOT_IS_ACCESSOR(heap, h, i)) {\
			DUK_HOBJECT_DECREF_NORZ_ALLOWNULL(thr, DUK_HOBJECT_E_GET_VALUE_GETTER(heap, h, i));\
			DUK_HOBJECT_DECREF_NORZ_ALLOWNULL(thr, DUK_HOBJECT_E_GET_VALUE_SETTER(heap, h, i));\
		} else {\
			DUK_TVAL_DECREF_NORZ(thr, DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(heap, h, i));\
		}\
	}\
	for (i = 0; i < DUK_HOBJECT_GET_ASIZE(h); i++)\
		DUK_TVAL_DECREF_NORZ(thr, DUK_HOBJECT_A_GET_VALUE_PTR(heap, h, i));\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): the object at idx becomes shared (its\
 * first change records it); 0 when it already was. */\
DUK_EXTERNAL duk_bool_t invoke_duk_share(duk_context *ctx, duk_idx_t idx) {\
	duk_hobject *h = duk_require_hobject(ctx, idx);\
	if (DUK_HEAPHDR_HAS_READONLY(&h->hdr))\
		return 0;\
	DUK_HEAPHDR_SET_READONLY(&h->hdr);\
	return 1;\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): how many shared objects were changed\
 * since the last restore. */\
DUK_EXTERNAL duk_size_t invoke_duk_recorded(duk_context *ctx) {\
	return ((duk_hthread *) ctx)->heap->invoke_nrec;\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): every changed shared object back as it\
 * was recorded, shared again.  What the request left in them is released\
 * (its finalizers may run, at the end). */\
DUK_EXTERNAL void invoke_duk_restore_shared(duk_context *ctx) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_heap *heap = thr->heap;\
	duk_size_t n = heap->invoke_nrec, k;\
\
	for (k = n; k-- > 0;) {\
		invoke_duk_rec *r = &heap->invoke_rec[k];\
		duk_hobject *h = r->obj;\
		duk_hobject *old_proto = DUK_HOBJECT_GET_PROTOTYPE(heap, h);\
		duk_uint8_t *old_props = DUK_HOBJECT_GET_PROPS(heap, h);\
\
		invoke_duk__release_props(thr, h);\
		DUK_HOBJECT_SET_PROPS(heap, h, r->props);\
		DUK_HOBJECT_SET_ESIZE(h, r->e_size);\
		DUK_HOBJECT_SET_ENEXT(h, r->e_next);\
		DUK_HOBJECT_SET_ASIZE(h, r->a_size);\
		DUK_HOBJECT_SET_HSIZE(h, r->h_size);\
		if (old_props != NULL)\
			DUK_FREE_RAW(heap, old_props);\
		/* the object's own flags as they were; the collector's as they are */\
		DUK_HEAPHDR_GET_FLAGS_RAW(&h->hdr) =\
		    (r->flags & ~(duk_uint32_t) ((1UL << DUK_HEAPHDR_FLAGS_USER_START) - 1UL)) |\
		    (DUK_HEAPHDR_GET_FLAGS_RAW(&h->hdr) & (duk_uint32_t) ((1UL << DUK_HEAPHDR_FLAGS_USER_START) - 1UL));\
		DUK_HEAPHDR_SET_READONLY(&h->hdr);\
		DUK_HOBJECT_SET_PROTOTYPE(heap, h, r->proto);\
		DUK_HOBJECT_DECREF_NORZ_ALLOWNULL(thr, old_proto);\
		if (DUK_HOBJECT_IS_ARRAY(h)) {\
			((duk_harray *) h)->length = r->length;\
			((duk_harray *) h)->length_nonwritable = r->length_nonwritable;\
		}\
		DUK_HOBJECT_DECREF_NORZ(thr, h);\
	}\
	heap->invoke_nrec = 0;\
	DUK_REFZERO_CHECK_SLOW(thr);\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): the records' blocks, at the heap's end\
 * (the objects they name go with the heap). */\
DUK_LOCAL void invoke_duk__free_records(duk_heap *heap) {\
	duk_size_t k;\
\
	for (k = 0; k < heap->invoke_nrec; k++) {\
		if (heap->invoke_rec[k].props != NULL)\
			DUK_FREE_RAW(heap, heap->invoke_rec[k].props);\
	}\
	if (heap->invoke_rec != NULL)\
		DUK_FREE_RAW(heap, heap->invoke_rec);\
	heap->invoke_rec = NULL;\
	heap->invoke_nrec = heap->invoke_caprec = 0;\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): the records reach what they hold (a\
 * method a request deleted from a shared object lives in its record only). */\
DUK_LOCAL void invoke_duk__mark_records(duk_heap *heap) {\
	duk_size_t k;\
	duk_uint32_t i;\
\
	for (k = 0; k < heap->invoke_nrec; k++) {\
		invoke_duk_rec *r = &heap->invoke_rec[k];\
		duk_hobject view; /* the record's block seen through an object's macros */\
\
		duk__mark_heaphdr(heap, (duk_heaphdr *) r->obj);\
		duk__mark_heaphdr(heap, (duk_heaphdr *) r->proto);\
		if (r->props == NULL)\
			continue;\
		DUK_HOBJECT_SET_PROPS(heap, &view, r->props);\
		DUK_HOBJECT_SET_ESIZE(&view, r->e_size);\
		DUK_HOBJECT_SET_ENEXT(&view, r->e_next);\
		DUK_HOBJECT_SET_ASIZE(&view, r->a_size);\
		DUK_HOBJECT_SET_HSIZE(&view, r->h_size);\
		for (i = 0; i < r->e_next; i++) {\
			duk_hstring *key = DUK_HOBJECT_E_GET_KEY(heap, &view, i);\
			if (key == NULL)\
				continue;\
			duk__mark_heaphdr(heap, (duk_heaphdr *) key);\
			if (DUK_HOBJECT_E_GET_FLAGS(heap, &view, i) & DUK_PROPDESC_FLAG_ACCESSOR) {\
				duk__mark_heaphdr(heap, (duk_heaphdr *) DUK_HOBJECT_E_GET_VALUE_GETTER(heap, &view, i));\
				duk__mark_heaphdr(heap, (duk_heaphdr *) DUK_HOBJECT_E_GET_VALUE_SETTER(heap, &view, i));\
			} else {\
				duk__mark_tval(heap, DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(heap, &view, i));\
			}\
		}\
		for (i = 0; i < r->a_size; i++)\
			duk__mark_tval(heap, DUK_HOBJECT_A_GET_VALUE_PTR(heap, &view, i));\
	}\
}
# ---- issue 19: a write barrier (end) ----

# ---- issue 19: the d flag, match indices (begin) ----
# A RegExp with the d flag (ES2022) gives each match an `indices` array:
# [start, end] of the match and of every capture, in UTF-16 units.  Only the
# executor knows where a capture began (its saved[] pointers), so
# stdlib.js's exec for such a RegExp runs it through
# invoke_duk_regexp_exec_indices, which has the match helper (told by a
# flag it clears as it starts) put those pairs, counted from the input's
# start, in the result's "indices" property.  Other matches cost one
# load and one store more.
/^DUK_LOCAL void duk__regexp_match_helper(duk_hthread \*thr, duk_small_int_t force_global) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): the next match wants its indices */\
DUK_LOCAL duk_small_int_t invoke_duk__want_indices = 0;
/^	global = (duk_small_int_t) (force_global | (duk_small_int_t) (re_ctx.re_flags & DUK_RE_FLAG_GLOBAL));$/a\
	want_indices = invoke_duk__want_indices; /* invoke-fcgi */\
	invoke_duk__want_indices = 0; /* invoke-fcgi */
/^	duk_small_int_t global;$/a\
	duk_small_int_t want_indices; /* invoke-fcgi */
/^		\/\* NB: .length. property is automatically updated by the array setup loop \*\/$/a\
		if (want_indices) { /* invoke-fcgi: [start, end] of the match and of each capture */\
			duk_push_array(thr);\
			for (i = 0; i < re_ctx.nsaved; i += 2) {\
				if (re_ctx.saved[i] && re_ctx.saved[i + 1] && re_ctx.saved[i + 1] >= re_ctx.saved[i]) {\
					duk_push_array(thr);\
					duk_push_uint(thr, (duk_uint_t) duk_unicode_unvalidated_utf8_length(re_ctx.input, (duk_size_t) (re_ctx.saved[i] - re_ctx.input)));\
					duk_put_prop_index(thr, -2, 0);\
					duk_push_uint(thr, (duk_uint_t) duk_unicode_unvalidated_utf8_length(re_ctx.input, (duk_size_t) (re_ctx.saved[i + 1] - re_ctx.input)));\
					duk_put_prop_index(thr, -2, 1);\
				} else {\
					duk_push_undefined(thr);\
				}\
				duk_put_prop_index(thr, -2, (duk_uarridx_t) (i / 2));\
			}\
			duk_push_string(thr, "indices"); /* defined, as CreateDataProperty does: no setter up the chain runs */\
			duk_insert(thr, -2);\
			duk_def_prop(thr, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);\
		}
$a\
\
/* invoke-fcgi (src/duk-fixes.sed): [ ... regexp input ] -> [ ... result ]:\
 * RegExp.prototype.exec's match, with the indices of the match and its\
 * captures in the result's "indices" (null when it does not match). */\
DUK_EXTERNAL void invoke_duk_regexp_exec_indices(duk_context *ctx) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_require_hobject_with_class(thr, -2, DUK_HOBJECT_CLASS_REGEXP);\
	duk_to_string(thr, -1);\
	invoke_duk__want_indices = 1;\
	duk_regexp_match(thr);\
}
# ---- issue 19: the d flag (end) ----

# ---- issue 19: Proxy traps and Reflect receivers (begin) ----
# Duktape's Proxy has get, set, has, deleteProperty, ownKeys, apply and
# construct; the rest of ES2015's traps fell through to the Proxy object
# itself (Object.getOwnPropertyDescriptor(proxy, k) undefined,
# Object.getPrototypeOf(proxy) null).  Added: getOwnPropertyDescriptor
# (Object.getOwnPropertyDescriptor, Reflect's, hasOwnProperty and
# propertyIsEnumerable), defineProperty (Object.defineProperty, Reflect's),
# getPrototypeOf and setPrototypeOf, each with the specification's
# invariant checks against the target, and the target when there is no
# trap.  The key a trap gets is the property key (a string for an array
# index, as ES2015 says: Duktape passed the number), Reflect's methods and
# hasOwnProperty take a key with ToPropertyKey (an object whose
# Symbol.toPrimitive gives a symbol names that symbol), Reflect.get and
# Reflect.set take a receiver (OrdinaryGet/OrdinarySet), and a handler may
# be a Proxy (up to 16 deep: every trap lookup through one recurses in C).
# A Proxy as a target is still refused.
/^DUK_INTERNAL_DECL duk_bool_t duk_hobject_object_ownprop_helper(duk_hthread \*thr, duk_small_uint_t required_desc_flags);$/a\
/* invoke-fcgi (src/duk-fixes.sed): Proxy traps, Reflect receivers */\
DUK_INTERNAL_DECL duk_int_t invoke_duk_proxy_depth(duk_hobject *h);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_proxy_trap(duk_hthread *thr, duk_hobject *obj, const char *name, duk_hobject **target);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_proxy_gopd(duk_hthread *thr, duk_hobject *obj, duk_hobject **target);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_proxy_defprop(duk_hthread *thr, duk_hobject *obj, duk_idx_t idx_key, duk_uint_t fl, duk_idx_t idx_value, duk_hobject *get, duk_hobject *set, duk_hobject **target, duk_bool_t *ok);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_proxy_getproto(duk_hthread *thr, duk_hobject *obj, duk_hobject **target);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_proxy_setproto(duk_hthread *thr, duk_hobject *obj, duk_hobject *proto, duk_hobject **target, duk_bool_t *ok);\
DUK_INTERNAL_DECL void invoke_duk_get_with_receiver(duk_hthread *thr);\
DUK_INTERNAL_DECL duk_bool_t invoke_duk_set_with_receiver(duk_hthread *thr);
s/^	if (DUK_HOBJECT_IS_PROXY(h_handler)) {$/	if (invoke_duk_proxy_depth(h_handler) > 16) { \/* invoke-fcgi *\//
s/^\(				duk_push_tval(thr, tv_key); \/\* P \*\/\)$/\1\
				if (!duk_is_string(thr, -1)) (void) duk_to_property_key_hstring(thr, -1); \/* invoke-fcgi *\//
s/^\(			duk_push_tval(thr, tv_key); \/\* P \*\/\)$/\1\
			if (!duk_is_string(thr, -1)) (void) duk_to_property_key_hstring(thr, -1); \/* invoke-fcgi *\//
s/^\(				duk_dup_m4(thr); \/\* P \*\/\)$/\1\
				if (!duk_is_string(thr, -1)) (void) duk_to_property_key_hstring(thr, -1); \/* invoke-fcgi *\//
/^	if (!duk_hobject_get_own_propdesc(thr, obj, key, &pd, DUK_GETDESC_FLAG_PUSH_VALUE)) {$/i\
	if (DUK_UNLIKELY(DUK_HOBJECT_IS_PROXY(obj)) && invoke_duk_proxy_gopd(thr, obj, &obj)) return; /* invoke-fcgi */
/^DUK_INTERNAL duk_bool_t duk_hobject_object_ownprop_helper(duk_hthread \*thr, duk_small_uint_t required_desc_flags) {$/,/^}$/{
s/^	h_v = duk_to_hstring_acceptsymbol(thr, 0);$/	h_v = duk_to_property_key_hstring(thr, 0); \/* invoke-fcgi: ToPropertyKey *\//
/^	h_obj = duk_push_this_coercible_to_object(thr);$/a\
	if (DUK_UNLIKELY(DUK_HOBJECT_IS_PROXY(h_obj))) { /* invoke-fcgi: [[GetOwnProperty]] */\
		duk_dup(thr, 0);\
		if (invoke_duk_proxy_gopd(thr, h_obj, &h_obj)) {\
			duk_push_boolean(thr, duk_is_object(thr, -1) && (required_desc_flags == 0 || duk_get_prop_stridx_boolean(thr, -1, DUK_STRIDX_ENUMERABLE, NULL)));\
			return 1;\
		}\
		duk_pop(thr);\
	}
}
/^DUK_INTERNAL duk_ret_t duk_bi_object_constructor_define_property(duk_hthread \*thr) {$/,/^}$/{
/^	duk_hobject_prepare_property_descriptor(thr, 2 \/\*idx_desc\*\/, &defprop_flags, &idx_value, &get, &set);$/a\
	if (DUK_UNLIKELY(DUK_HOBJECT_IS_PROXY(obj))) { /* invoke-fcgi: [[DefineOwnProperty]] */\
		duk_bool_t invoke_ok;\
		if (invoke_duk_proxy_defprop(thr, obj, 1, defprop_flags, idx_value, get, set, &obj, &invoke_ok)) {\
			if (magic == 0U && !invoke_ok) {\
				DUK_ERROR_TYPE(thr, DUK_STR_PROXY_REJECTED);\
				DUK_WO_NORETURN(return 0;);\
			}\
			if (magic == 0U) duk_dup(thr, 0); else duk_push_boolean(thr, invoke_ok);\
			return 1;\
		}\
	}
s/^		duk_push_hobject(thr, obj);$/		duk_dup(thr, 0); \/* invoke-fcgi: the Proxy, not its target *\//
}
/^DUK_INTERNAL duk_ret_t duk_bi_object_getprototype_shared(duk_hthread \*thr) {$/,/^}$/{
/^		h = DUK_TVAL_GET_OBJECT(tv);$/a\
		if (DUK_UNLIKELY(DUK_HOBJECT_IS_PROXY(h)) && invoke_duk_proxy_getproto(thr, h, &h)) return 1; /* invoke-fcgi */
}
/^	\/\* TODO: implement Proxy object support here \*\/$/a\
	if (DUK_UNLIKELY(DUK_HOBJECT_IS_PROXY(h_obj))) { /* invoke-fcgi: [[SetPrototypeOf]] */\
		duk_bool_t invoke_ok;\
		if (invoke_duk_proxy_setproto(thr, h_obj, h_new_proto, &h_obj, &invoke_ok)) {\
			if (!invoke_ok) goto fail_nonextensible;\
			goto skip;\
		}\
	}
/^#line 1 "duk_bi_reflect.c"$/,/^#line 1 "duk_bi_regexp.c"$/{
s/^	(void) duk_to_string(thr, 1);$/	(void) duk_to_property_key_hstring(thr, 1); \/* invoke-fcgi: ToPropertyKey *\//
s/^		\/\* XXX: \[\[Get\]\] receiver currently unsupported \*\/$/		duk_set_top(thr, 3); invoke_duk_get_with_receiver(thr); return 1; \/* invoke-fcgi *\//
s/^		\/\* XXX: \[\[Set\]\] receiver currently unsupported \*\/$/		duk_set_top(thr, 4); duk_push_boolean(thr, invoke_duk_set_with_receiver(thr)); return 1; \/* invoke-fcgi *\//
}
$a\
/* invoke-fcgi: how many Proxies deep a handler is (a Proxy handler is taken, to a bound) */\
DUK_INTERNAL duk_int_t invoke_duk_proxy_depth(duk_hobject *h) {\
	duk_int_t n = 0;\
	while (DUK_HOBJECT_IS_PROXY(h)) {\
		n++;\
		h = ((duk_hproxy *) h)->handler;\
	}\
	return n;\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): the Proxy traps Duktape lacks\
 * (getOwnPropertyDescriptor, defineProperty, getPrototypeOf,\
 * setPrototypeOf), each with the invariants the specification checks\
 * against the target (ES2022 10.5), and Reflect.get/Reflect.set with a\
 * receiver other than the target (OrdinaryGet/OrdinarySet, 10.1.8-9).\
 * A Proxy's target is never a Proxy (duk_push_proxy refuses one), so the\
 * operation without a trap applies to an ordinary object. */\
\
/* obj's trap `name`: [ ... ] -> [ ... trap handler target ] and 1 when obj\
 * is a Proxy whose handler has one (GetMethod: undefined and null are\
 * none, anything else not callable throws); else 0, nothing pushed.\
 * *target: what the operation applies to (the Proxy's target, or obj). */\
DUK_INTERNAL duk_bool_t invoke_duk_proxy_trap(duk_hthread *thr, duk_hobject *obj, const char *name, duk_hobject **target) {\
	duk_hobject *h_target;\
	duk_hobject *h_handler;\
\
	*target = obj;\
	if (!duk_hobject_proxy_check(obj, &h_target, &h_handler))\
		return 0;\
	*target = h_target;\
	duk_require_stack(thr, 8);\
	duk_push_hobject(thr, h_handler);\
	(void) duk_get_prop_string(thr, -1, name);\
	if (duk_is_null_or_undefined(thr, -1)) {\
		duk_pop_2(thr);\
		return 0;\
	}\
	if (!duk_is_callable(thr, -1)) {\
		DUK_ERROR_TYPE(thr, "proxy trap is not a function");\
		DUK_WO_NORETURN(return 0;);\
	}\
	duk_insert(thr, -2);\
	duk_push_hobject(thr, h_target);\
	return 1;\
}\
\
/* A descriptor object from what duk_hobject_prepare_property_descriptor\
 * read (fl, the value at idx_value, get, set): [ ... ] -> [ ... desc ].\
 * complete: CompletePropertyDescriptor's defaults for what is missing. */\
DUK_LOCAL void invoke_duk__push_desc(duk_hthread *thr, duk_uint_t fl, duk_idx_t idx_value, duk_hobject *get, duk_hobject *set, duk_bool_t complete) {\
	duk_bool_t acc = (fl & (DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER)) != 0;\
	duk_bool_t data = (fl & (DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_HAVE_WRITABLE)) != 0;\
\
	duk_push_object(thr);\
	if (acc || (complete && !data)) {\
		if (complete || (fl & DUK_DEFPROP_HAVE_GETTER)) {\
			if (get) duk_push_hobject(thr, get); else duk_push_undefined(thr);\
			duk_put_prop_stridx(thr, -2, DUK_STRIDX_GET);\
		}\
		if (complete || (fl & DUK_DEFPROP_HAVE_SETTER)) {\
			if (set) duk_push_hobject(thr, set); else duk_push_undefined(thr);\
			duk_put_prop_stridx(thr, -2, DUK_STRIDX_SET);\
		}\
	} else {\
		if (complete || (fl & DUK_DEFPROP_HAVE_VALUE)) {\
			if (fl & DUK_DEFPROP_HAVE_VALUE) duk_dup(thr, idx_value); else duk_push_undefined(thr);\
			duk_put_prop_stridx(thr, -2, DUK_STRIDX_VALUE);\
		}\
		if (complete || (fl & DUK_DEFPROP_HAVE_WRITABLE)) {\
			duk_push_boolean(thr, (fl & DUK_DEFPROP_WRITABLE) != 0);\
			duk_put_prop_stridx(thr, -2, DUK_STRIDX_WRITABLE);\
		}\
	}\
	if (complete || (fl & DUK_DEFPROP_HAVE_ENUMERABLE)) {\
		duk_push_boolean(thr, (fl & DUK_DEFPROP_ENUMERABLE) != 0);\
		duk_put_prop_stridx(thr, -2, DUK_STRIDX_ENUMERABLE);\
	}\
	if (complete || (fl & DUK_DEFPROP_HAVE_CONFIGURABLE)) {\
		duk_push_boolean(thr, (fl & DUK_DEFPROP_CONFIGURABLE) != 0);\
		duk_put_prop_stridx(thr, -2, DUK_STRIDX_CONFIGURABLE);\
	}\
}\
\
/* IsCompatiblePropertyDescriptor(ext, Desc, current): Desc as read into\
 * fl/idx_value/get/set; current the target's own property (has_t, td, its\
 * value at idx_tvalue) */\
DUK_LOCAL duk_bool_t invoke_duk__compatible(duk_hthread *thr, duk_bool_t ext, duk_uint_t fl, duk_idx_t idx_value, duk_hobject *get, duk_hobject *set, duk_bool_t has_t, duk_propdesc *td, duk_idx_t idx_tvalue) {\
	duk_bool_t acc = (fl & (DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER)) != 0;\
	duk_bool_t data = (fl & (DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_HAVE_WRITABLE)) != 0;\
	duk_bool_t t_acc;\
\
	if (!has_t)\
		return ext;\
	if (td->flags & DUK_PROPDESC_FLAG_CONFIGURABLE)\
		return 1;\
	if ((fl & DUK_DEFPROP_HAVE_CONFIGURABLE) && (fl & DUK_DEFPROP_CONFIGURABLE))\
		return 0;\
	if ((fl & DUK_DEFPROP_HAVE_ENUMERABLE) &&\
	    !(fl & DUK_DEFPROP_ENUMERABLE) != !(td->flags & DUK_PROPDESC_FLAG_ENUMERABLE))\
		return 0;\
	t_acc = (td->flags & DUK_PROPDESC_FLAG_ACCESSOR) != 0;\
	if ((acc || data) && acc != t_acc)\
		return 0;\
	if (t_acc) {\
		if ((fl & DUK_DEFPROP_HAVE_GETTER) && get != td->get)\
			return 0;\
		if ((fl & DUK_DEFPROP_HAVE_SETTER) && set != td->set)\
			return 0;\
	} else if (!(td->flags & DUK_PROPDESC_FLAG_WRITABLE)) {\
		if ((fl & DUK_DEFPROP_HAVE_WRITABLE) && (fl & DUK_DEFPROP_WRITABLE))\
			return 0;\
		if ((fl & DUK_DEFPROP_HAVE_VALUE) &&\
		    !duk_js_samevalue(duk_require_tval(thr, idx_value), duk_require_tval(thr, idx_tvalue)))\
			return 0;\
	}\
	return 1;\
}\
\
/* [[GetOwnProperty]] (10.5.5) of a Proxy with the trap: [ ... key ] (key a\
 * property key) -> [ ... desc ] (a new complete descriptor, or undefined)\
 * and 1.  0, the stack as it was, when obj has no such trap; *target is\
 * then the object to look in. */\
DUK_INTERNAL duk_bool_t invoke_duk_proxy_gopd(duk_hthread *thr, duk_hobject *obj, duk_hobject **target) {\
	duk_idx_t idx_key = duk_get_top_index(thr);\
	duk_idx_t idx_res, idx_value, idx_tvalue;\
	duk_propdesc td;\
	duk_bool_t has_t, ext;\
	duk_uint_t fl;\
	duk_hobject *get;\
	duk_hobject *set;\
\
	if (!invoke_duk_proxy_trap(thr, obj, "getOwnPropertyDescriptor", target))\
		return 0;\
	duk_dup(thr, idx_key);\
	duk_call_method(thr, 2); /* [ ... key result ] */\
	idx_res = idx_key + 1;\
	if (!duk_check_type_mask(thr, idx_res, DUK_TYPE_MASK_OBJECT | DUK_TYPE_MASK_UNDEFINED)) {\
		DUK_ERROR_TYPE_INVALID_TRAP_RESULT(thr);\
		DUK_WO_NORETURN(return 0;);\
	}\
	has_t = duk_hobject_get_own_propdesc(thr, *target, duk_known_hstring(thr, idx_key), &td, DUK_GETDESC_FLAG_PUSH_VALUE);\
	if (!has_t)\
		duk_push_undefined(thr);\
	idx_tvalue = duk_get_top_index(thr);\
	ext = DUK_HOBJECT_HAS_EXTENSIBLE(*target);\
	if (duk_is_undefined(thr, idx_res)) {\
		/* a property the target cannot lose cannot be reported gone */\
		if (has_t && (!(td.flags & DUK_PROPDESC_FLAG_CONFIGURABLE) || !ext))\
			goto reject;\
		duk_set_top(thr, idx_res + 1);\
		duk_replace(thr, idx_key);\
		return 1;\
	}\
	duk_hobject_prepare_property_descriptor(thr, idx_res, &fl, &idx_value, &get, &set);\
	if (!invoke_duk__compatible(thr, ext, fl, idx_value, get, set, has_t, &td, idx_tvalue))\
		goto reject;\
	if (!(fl & DUK_DEFPROP_CONFIGURABLE)) {\
		/* non-configurable only when the target's is */\
		if (!has_t || (td.flags & DUK_PROPDESC_FLAG_CONFIGURABLE))\
			goto reject;\
		if ((fl & DUK_DEFPROP_HAVE_WRITABLE) && !(fl & DUK_DEFPROP_WRITABLE) &&\
		    (td.flags & DUK_PROPDESC_FLAG_WRITABLE))\
			goto reject;\
	}\
	invoke_duk__push_desc(thr, fl, idx_value, get, set, 1);\
	duk_replace(thr, idx_key);\
	duk_set_top(thr, idx_key + 1);\
	return 1;\
\
reject:\
	DUK_ERROR_TYPE(thr, DUK_STR_PROXY_REJECTED);\
	DUK_WO_NORETURN(return 0;);\
}\
\
/* [[DefineOwnProperty]] (10.5.6) of a Proxy with the trap, the descriptor\
 * already read (fl, idx_value, get, set; key at idx_key): 1 and *ok the\
 * trap's answer; 0 when obj has no such trap, *target the object to define\
 * on. */\
DUK_INTERNAL duk_bool_t invoke_duk_proxy_defprop(duk_hthread *thr, duk_hobject *obj, duk_idx_t idx_key, duk_uint_t fl, duk_idx_t idx_value, duk_hobject *get, duk_hobject *set, duk_hobject **target, duk_bool_t *ok) {\
	duk_idx_t top = duk_get_top(thr), idx_tvalue;\
	duk_propdesc td;\
	duk_bool_t has_t, ext;\
\
	if (!invoke_duk_proxy_trap(thr, obj, "defineProperty", target))\
		return 0;\
	duk_dup(thr, idx_key);\
	invoke_duk__push_desc(thr, fl, idx_value, get, set, 0);\
	duk_call_method(thr, 3);\
	*ok = duk_to_boolean_top_pop(thr);\
	if (!*ok)\
		return 1;\
	has_t = duk_hobject_get_own_propdesc(thr, *target, duk_known_hstring(thr, idx_key), &td, DUK_GETDESC_FLAG_PUSH_VALUE);\
	if (!has_t)\
		duk_push_undefined(thr);\
	idx_tvalue = duk_get_top_index(thr);\
	ext = DUK_HOBJECT_HAS_EXTENSIBLE(*target);\
	if (!invoke_duk__compatible(thr, ext, fl, idx_value, get, set, has_t, &td, idx_tvalue))\
		goto reject;\
	if ((fl & DUK_DEFPROP_HAVE_CONFIGURABLE) && !(fl & DUK_DEFPROP_CONFIGURABLE)) {\
		if (!has_t || (td.flags & DUK_PROPDESC_FLAG_CONFIGURABLE))\
			goto reject;\
	}\
	if (has_t && !(td.flags & (DUK_PROPDESC_FLAG_ACCESSOR | DUK_PROPDESC_FLAG_CONFIGURABLE)) &&\
	    (td.flags & DUK_PROPDESC_FLAG_WRITABLE) && (fl & DUK_DEFPROP_HAVE_WRITABLE) && !(fl & DUK_DEFPROP_WRITABLE))\
		goto reject;\
	duk_set_top(thr, top);\
	return 1;\
\
reject:\
	DUK_ERROR_TYPE(thr, DUK_STR_PROXY_REJECTED);\
	DUK_WO_NORETURN(return 0;);\
}\
\
/* [[GetPrototypeOf]] (10.5.1) of a Proxy: [ ... ] -> [ ... proto ] and 1\
 * when it has the trap; else 0, *target the object whose prototype it is */\
DUK_INTERNAL duk_bool_t invoke_duk_proxy_getproto(duk_hthread *thr, duk_hobject *obj, duk_hobject **target) {\
	duk_hobject *p;\
\
	if (!invoke_duk_proxy_trap(thr, obj, "getPrototypeOf", target))\
		return 0;\
	duk_call_method(thr, 1);\
	if (!duk_check_type_mask(thr, -1, DUK_TYPE_MASK_OBJECT | DUK_TYPE_MASK_NULL)) {\
		DUK_ERROR_TYPE_INVALID_TRAP_RESULT(thr);\
		DUK_WO_NORETURN(return 0;);\
	}\
	p = duk_get_hobject(thr, -1);\
	if (!DUK_HOBJECT_HAS_EXTENSIBLE(*target) && p != DUK_HOBJECT_GET_PROTOTYPE(thr->heap, *target)) {\
		DUK_ERROR_TYPE(thr, DUK_STR_PROXY_REJECTED);\
		DUK_WO_NORETURN(return 0;);\
	}\
	return 1;\
}\
\
/* [[SetPrototypeOf]] (10.5.2) of a Proxy to proto: 1 and *ok the trap's\
 * answer when it has the trap; else 0, *target the object to change */\
DUK_INTERNAL duk_bool_t invoke_duk_proxy_setproto(duk_hthread *thr, duk_hobject *obj, duk_hobject *proto, duk_hobject **target, duk_bool_t *ok) {\
	if (!invoke_duk_proxy_trap(thr, obj, "setPrototypeOf", target))\
		return 0;\
	if (proto) duk_push_hobject(thr, proto); else duk_push_null(thr);\
	duk_call_method(thr, 2);\
	*ok = duk_to_boolean_top_pop(thr);\
	if (*ok && !DUK_HOBJECT_HAS_EXTENSIBLE(*target) && proto != DUK_HOBJECT_GET_PROTOTYPE(thr->heap, *target)) {\
		DUK_ERROR_TYPE(thr, DUK_STR_PROXY_REJECTED);\
		DUK_WO_NORETURN(return 0;);\
	}\
	return 1;\
}\
\
/* Reflect.get(target, key, receiver) with a receiver other than target:\
 * [ target key receiver ] (key a property key) -> [ ... value ].\
 * OrdinaryGet up the prototype chain; a Proxy on it gets its get trap with\
 * the receiver. */\
DUK_INTERNAL void invoke_duk_get_with_receiver(duk_hthread *thr) {\
	duk_hobject *curr = duk_require_hobject(thr, 0);\
	duk_hobject *t;\
	duk_hstring *key = duk_known_hstring(thr, 1);\
	duk_propdesc pd;\
	duk_int_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;\
\
	while (curr != NULL && sanity-- > 0) {\
		if (invoke_duk_proxy_trap(thr, curr, "get", &t)) {\
			duk_dup(thr, 1);\
			duk_dup(thr, 2);\
			duk_call_method(thr, 3);\
			return;\
		}\
		curr = t;\
		if (duk_hobject_get_own_propdesc(thr, curr, key, &pd, DUK_GETDESC_FLAG_PUSH_VALUE)) {\
			if (!(pd.flags & DUK_PROPDESC_FLAG_ACCESSOR))\
				return;\
			duk_pop(thr);\
			if (pd.get == NULL) {\
				duk_push_undefined(thr);\
				return;\
			}\
			duk_push_hobject(thr, pd.get);\
			duk_dup(thr, 2);\
			duk_call_method(thr, 0);\
			return;\
		}\
		curr = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, curr);\
	}\
	duk_push_undefined(thr);\
}\
\
/* Reflect.set(target, key, value, receiver) with a receiver other than\
 * target: [ target key value receiver ] (key a property key) -> whether\
 * it was set.  OrdinarySet: the property found up the chain from target\
 * decides (a setter is called with the receiver; a Proxy's set trap gets\
 * it); a data property is then defined on the receiver, an object. */\
DUK_INTERNAL duk_bool_t invoke_duk_set_with_receiver(duk_hthread *thr) {\
	duk_hobject *curr = duk_require_hobject(thr, 0);\
	duk_hobject *t;\
	duk_hobject *recv;\
	duk_hstring *key = duk_known_hstring(thr, 1);\
	duk_propdesc pd;\
	duk_int_t sanity = DUK_HOBJECT_PROTOTYPE_CHAIN_SANITY;\
	duk_bool_t found = 0;\
\
	while (curr != NULL && sanity-- > 0) {\
		if (invoke_duk_proxy_trap(thr, curr, "set", &t)) {\
			duk_dup(thr, 1);\
			duk_dup(thr, 2);\
			duk_dup(thr, 3);\
			duk_call_method(thr, 4);\
			return duk_to_boolean_top_pop(thr);\
		}\
		curr = t;\
		if (duk_hobject_get_own_propdesc(thr, curr, key, &pd, 0)) {\
			found = 1;\
			break;\
		}\
		curr = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, curr);\
	}\
	if (found && (pd.flags & DUK_PROPDESC_FLAG_ACCESSOR)) {\
		if (pd.set == NULL)\
			return 0;\
		duk_push_hobject(thr, pd.set);\
		duk_dup(thr, 3);\
		duk_dup(thr, 2);\
		duk_call_method(thr, 1);\
		duk_pop(thr);\
		return 1;\
	}\
	if (found && !(pd.flags & DUK_PROPDESC_FLAG_WRITABLE))\
		return 0;\
	recv = duk_get_hobject(thr, 3);\
	if (recv == NULL)\
		return 0;\
	if (DUK_HOBJECT_IS_PROXY(recv)) {\
		/* the receiver's [[GetOwnProperty]] and [[DefineOwnProperty]] */\
		duk_dup(thr, 1);\
		if (invoke_duk_proxy_gopd(thr, recv, &t)) {\
			duk_bool_t ok;\
			duk_uint_t fl = DUK_DEFPROP_HAVE_VALUE;\
			if (duk_is_object(thr, -1)) {\
				if (duk_has_prop_stridx(thr, -1, DUK_STRIDX_GET) || !duk_get_prop_stridx_boolean(thr, -1, DUK_STRIDX_WRITABLE, NULL))\
					return 0;\
			} else {\
				fl |= DUK_DEFPROP_SET_WEC;\
			}\
			if (!invoke_duk_proxy_defprop(thr, recv, 1, fl, 2, NULL, NULL, &t, &ok))\
				return duk_hobject_define_property_helper(thr, fl, t, key, 2, NULL, NULL, 0);\
			return ok;\
		}\
		duk_pop(thr);\
		recv = t;\
	}\
	if (duk_hobject_get_own_propdesc(thr, recv, key, &pd, 0)) {\
		if ((pd.flags & DUK_PROPDESC_FLAG_ACCESSOR) || !(pd.flags & DUK_PROPDESC_FLAG_WRITABLE))\
			return 0;\
		return duk_hobject_define_property_helper(thr, DUK_DEFPROP_HAVE_VALUE, recv, key, 2, NULL, NULL, 0);\
	}\
	return duk_hobject_define_property_helper(thr, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC, recv, key, 2, NULL, NULL, 0);\
}
# ---- issue 19: Proxy traps and Reflect receivers (end) ----

# ---- issue 19: engine corners (begin) ----
# JSON.parse's reviver deletes a property for which it returned undefined
# as the specification's [[Delete]] does, ignoring a refusal (a
# non-configurable property stays); Duktape deleted it as strict code does
# and threw.
/^DUK_LOCAL void duk__json_dec_reviver_walk(duk_json_dec_ctx \*js_ctx) {$/,/^}$/{
s/^					duk_del_prop_index(thr, -1, i);$/					duk_push_uint(thr, (duk_uint_t) i); (void) duk_hobject_delprop(thr, duk_get_tval(thr, -2), duk_get_tval(thr, -1), 0); duk_pop(thr); \/* invoke-fcgi *\//
s/^					duk_del_prop(thr, -3);$/					(void) duk_hobject_delprop(thr, duk_get_tval(thr, -3), duk_get_tval(thr, -1), 0); duk_pop(thr); \/* invoke-fcgi *\//
}
# The native Array methods take an array-like's length with ES2015's
# ToLength (NaN and below zero 0, Infinity the largest), within Duktape's
# 32-bit indexes, not ES5's ToUint32 (which made Infinity 0 and -1
# 4294967295).
/^DUK_LOCAL duk_uint32_t duk__push_this_obj_len_u32(duk_hthread \*thr) {$/,/^}$/s/^	len = duk_to_uint32(thr, -1);$/	{ \/* invoke-fcgi: ToLength *\/\
		duk_double_t d = duk_to_number(thr, -1);\
		len = !(d > 0.0) ? 0U : d >= 4294967295.0 ? 0xffffffffUL : (duk_uint32_t) d;\
	}/
# ---- issue 19: engine corners (end) ----
# A Proxy's trap that is undefined or null is absent (GetMethod): the
# handler's trap read reports "found" for any value, and a handler that is
# itself a Proxy with a get trap (taken since the issue 19 patches) found
# every trap, calling undefined for each missing one.
/^DUK_LOCAL duk_bool_t duk__proxy_check_prop(duk_hthread \*thr,$/,/^}$/s/^	if (duk_get_prop_stridx_short(thr, -1, stridx_trap)) {$/	if (duk_get_prop_stridx_short(thr, -1, stridx_trap) \&\& !duk_is_null_or_undefined(thr, -1)) { \/* invoke-fcgi: GetMethod *\//
s/^	if (!duk_get_prop_stridx_short(thr, -1, DUK_STRIDX_OWN_KEYS)) {$/	if (!duk_get_prop_stridx_short(thr, -1, DUK_STRIDX_OWN_KEYS) || duk_is_null_or_undefined(thr, -1)) { \/* invoke-fcgi: GetMethod *\//
/^	rc = duk_get_prop_stridx_short(thr, -1, (\*call_flags & DUK_CALL_FLAG_CONSTRUCT) ? DUK_STRIDX_CONSTRUCT : DUK_STRIDX_APPLY);$/a\
	if (rc != 0 \&\& duk_is_null_or_undefined(thr, -1)) rc = 0; /* invoke-fcgi: GetMethod */

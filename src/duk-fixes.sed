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

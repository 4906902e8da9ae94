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
# ---- issue 26 (end) ----

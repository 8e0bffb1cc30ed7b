"""Exports scikit-learn's outputs for the preprocessing/compose parity tests.

Run from the repo root: tooling/peers/.venv/bin/python packages/core/src/preprocessing/__fixtures__/make_transforms.py
Writes transforms.json beside this file. Every case: fit on the training rows, transform all rows
(or the given rows), record the output matrix (NaN as null) and get_feature_names_out().
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (MinMaxScaler, OneHotEncoder, OrdinalEncoder, PolynomialFeatures,
                                   RobustScaler, StandardScaler)

ROOT = os.getcwd()
HERE = os.path.dirname(os.path.abspath(__file__))


def dataset(name):
    with open(os.path.join(ROOT, 'tooling/fixtures/datasets', f'{name}.json')) as f:
        d = json.load(f)
    return np.array(d['X'], dtype=float), d['trainIndex']


def with_holes(X):
    """Deterministic missing values: cell (i, j) is NaN when (7i + 3j) % 11 == 0."""
    X = X.copy()
    i, j = np.indices(X.shape)
    X[(7 * i + 3 * j) % 11 == 0] = np.nan
    return X


def mixed():
    """A small table with categorical (strings, NaN missing) and numeric columns; the last 40 rows
    hold categories and values never seen in the first 160 (the training rows)."""
    rng = np.random.RandomState(0)
    n = 200
    color = rng.choice(['red', 'green', 'blue', 'purple', 'black'], n, p=[0.4, 0.3, 0.15, 0.1, 0.05]).astype(object)
    color[rng.rand(n) < 0.06] = np.nan
    size = rng.choice(['S', 'M', 'L'], n, p=[0.5, 0.3, 0.2]).astype(object)
    k = rng.randint(0, 5, n)  # integer dtype: sklearn names its categories k_1, as we do
    x = np.round(rng.normal(10, 3, n), 3)
    x[rng.rand(n) < 0.1] = np.nan
    color[165] = 'orange'
    color[170] = 'white'
    k[180] = 9
    return pd.DataFrame({'color': color, 'size': size, 'k': k, 'x': x})


def to_json_matrix(a):
    a = np.asarray(a)
    if a.dtype == object:
        return [[v if isinstance(v, str) else None for v in row] for row in a]
    a = a.astype(float)
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


cases = []


def add(name, est, X, train, params, data, rows=None, cls=None):
    Xtr = X.iloc[train] if isinstance(X, pd.DataFrame) else X[train]
    est.fit(Xtr)
    Xout = X if rows is None else (X.iloc[rows] if isinstance(X, pd.DataFrame) else X[rows])
    out = est.transform(Xout)
    cases.append({
        'name': name,
        'estimator': cls or type(est).__name__,
        'params': params,
        'data': data,
        'rows': rows,
        'output': to_json_matrix(out),
        'names': [str(s) for s in est.get_feature_names_out()],
    })


wine, wine_tr = dataset('wine')
diab, diab_tr = dataset('diabetes')
iris, iris_tr = dataset('iris')
bc, bc_tr = dataset('breast_cancer')

add('standard wine', StandardScaler(), wine, wine_tr, {}, 'wine')
add('standard wine no mean', StandardScaler(with_mean=False), wine, wine_tr, {'withMean': False}, 'wine')
add('standard wine holes', StandardScaler(), with_holes(wine), wine_tr, {}, 'wine+holes')
add('minmax diabetes', MinMaxScaler(feature_range=(-1, 2)), diab, diab_tr, {'featureRange': [-1, 2]}, 'diabetes')
add('minmax diabetes clip', MinMaxScaler(clip=True), diab, diab_tr[:60], {'clip': True}, 'diabetes', cls=None)
cases[-1]['fitRows'] = diab_tr[:60]
add('robust breast_cancer', RobustScaler(quantile_range=(10, 90)), bc, bc_tr, {'quantileRange': [10, 90]}, 'breast_cancer')
add('robust wine holes', RobustScaler(), with_holes(wine), wine_tr, {}, 'wine+holes')
add('poly iris 3', PolynomialFeatures(3), iris, iris_tr, {'degree': 3}, 'iris')
add('poly iris interaction', PolynomialFeatures(2, interaction_only=True, include_bias=False), iris, iris_tr,
    {'degree': 2, 'interactionOnly': True, 'includeBias': False}, 'iris')
add('poly iris (2,3)', PolynomialFeatures((2, 3)), iris, iris_tr, {'degree': [2, 3]}, 'iris')
for strategy, ours in [('mean', 'mean'), ('median', 'median'), ('most_frequent', 'mostFrequent')]:
    add(f'imputer {strategy} wine', SimpleImputer(strategy=strategy, add_indicator=True), with_holes(wine), wine_tr,
        {'strategy': ours, 'addIndicator': True}, 'wine+holes')
add('imputer constant wine', SimpleImputer(strategy='constant', fill_value=-1), with_holes(wine), wine_tr,
    {'strategy': 'constant', 'fillValue': -1}, 'wine+holes')

mx = mixed()
train = list(range(160))
cat = mx[['color', 'size', 'k']]
add('onehot ignore', OneHotEncoder(handle_unknown='ignore', sparse_output=False), cat, train,
    {'handleUnknown': 'ignore'}, 'mixed:color,size,k')
add('onehot drop first', OneHotEncoder(drop='first', sparse_output=False), cat, train, {'drop': 'first'},
    'mixed:color,size,k', rows=train)
add('onehot drop if_binary', OneHotEncoder(drop='if_binary', sparse_output=False), mx[['size']].assign(
    b=np.where(mx['k'] > 2, 'hi', 'lo')), train, {'drop': 'ifBinary'}, 'mixed:size,b', rows=train)
add('onehot min_frequency', OneHotEncoder(min_frequency=10, handle_unknown='infrequent_if_exist', sparse_output=False),
    cat, train, {'minFrequency': 10, 'handleUnknown': 'infrequentIfExist'}, 'mixed:color,size,k')
add('onehot max_categories', OneHotEncoder(max_categories=3, handle_unknown='ignore', sparse_output=False), cat,
    train, {'maxCategories': 3, 'handleUnknown': 'ignore'}, 'mixed:color,size,k')
add('onehot share + drop', OneHotEncoder(min_frequency=0.1, drop='first', handle_unknown='ignore', sparse_output=False),
    cat, train, {'minFrequency': 0.1, 'drop': 'first', 'handleUnknown': 'ignore'}, 'mixed:color,size,k')
add('ordinal', OrdinalEncoder(), cat, train, {}, 'mixed:color,size,k', rows=train)
add('ordinal unknown', OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1), cat, train,
    {'handleUnknown': 'useEncodedValue', 'unknownValue': -1}, 'mixed:color,size,k')
add('ordinal max_categories', OrdinalEncoder(max_categories=3, handle_unknown='use_encoded_value', unknown_value=-1),
    cat, train, {'maxCategories': 3, 'handleUnknown': 'useEncodedValue', 'unknownValue': -1}, 'mixed:color,size,k')
add('imputer most_frequent categorical', SimpleImputer(strategy='most_frequent'), mx[['color', 'size']], train,
    {'strategy': 'mostFrequent'}, 'mixed:color,size', rows=train)

ct = ColumnTransformer([
    ('num', Pipeline([('impute', SimpleImputer(strategy='median')), ('scale', StandardScaler())]), ['x', 'k']),
    ('cat', Pipeline([('impute', SimpleImputer(strategy='most_frequent')),
                      ('onehot', OneHotEncoder(handle_unknown='ignore', sparse_output=False))]), ['color', 'size']),
])
add('column transformer mixed', ct, mx, train, {}, 'mixed:color,size,k,x', cls='ColumnTransformer')
ct2 = ColumnTransformer([('scale', RobustScaler(), ['x']), ('drop_size', 'drop', ['size'])], remainder='passthrough')
add('column transformer remainder', ct2, mx[['x', 'size', 'k']], train, {}, 'mixed:x,size,k', cls='ColumnTransformer')

out = {
    'generator': 'packages/core/src/preprocessing/__fixtures__/make_transforms.py',
    'sklearn': sklearn.__version__,
    'numpy': np.__version__,
    'mixed': {c: [None if (isinstance(v, float) and np.isnan(v)) else v for v in mx[c].tolist()] for c in mx.columns},
    'cases': cases,
}
with open(os.path.join(HERE, 'transforms.json'), 'w') as f:
    json.dump(out, f)
print(f'{len(cases)} cases, sklearn {sklearn.__version__}')
